/**
 * WebSocket close codes the hub uses. 1000–1011 are the standard codes; 4000–4999 are ours.
 * Clients can branch on the code; the close reason is for people.
 */
export const CloseCode = {
  /** Graceful shutdown of the hub or of the space. Reconnect later. */
  GoingAway: 1001,
  /** A frame was larger than hub.maxMessageBytes (sent by `ws` itself). */
  MessageTooBig: 1009,
  /** The hub failed to persist an update; the update was not accepted. */
  InternalError: 1011,
  /** The client sent too many frames before its space was loaded. */
  TooManyMessages: 1008,
  /** The client read too slowly and fell more than 256 MiB behind. Reconnect to resync. */
  TryAgainLater: 1013,
  /** The frame could not be decoded as a y-websocket message. Fix the client. */
  MalformedMessage: 4400,
  /** The connection's token expired or was not accepted. Create a new token. */
  Unauthorized: 4401,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
