/** Room names; who may be in which is in server/auth/policies.ts (ROOM_POLICIES). */
export const regionRoom = (regionId: string) => `region:${regionId}`;
export const userRoom = (userId: string) => `user:${userId}`;
export const displayRoom = (displayId: string) => `display:${displayId}`;
