/** Regions are identified by their names along the tree, as ledgers name them. */
export const townshipId = (township: string) => `t:${township}`;
export const villageId = (township: string, village: string) => `v:${township}/${village}`;
export const nameOfRegionId = (id: string) => id.slice(id.lastIndexOf(id.includes('/') ? '/' : ':') + 1);
