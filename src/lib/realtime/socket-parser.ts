/**
 * Socket.io packets as msgpack: binary frames, smaller and quicker to encode than JSON, encoded
 * once per room broadcast. Server and every client must use the same parser.
 */
import * as msgpackParser from 'socket.io-msgpack-parser';

export const socketParser = msgpackParser;
