// sts:DecodeAuthorizationMessage: the JSON behind an encoded authorization failure message
// (encoded by enforcement, src/authz/authorization-message.ts).
import type { StsHandlers } from '../protocol/handlers.js';
import { AwsError } from '../protocol/errors.js';
import { decodeAuthorizationMessage } from '../authz/authorization-message.js';

export { encodeAuthorizationMessage, type AuthorizationDetails } from '../authz/authorization-message.js';

export const invalidAuthorizationMessage = () =>
  new AwsError('InvalidAuthorizationMessageException', 'Provided authorization message is invalid', 400);

export const authorizationMessageHandlers: StsHandlers = {
  DecodeAuthorizationMessage(ctx, input) {
    const text = decodeAuthorizationMessage(input.EncodedMessage.trim(), ctx.store);
    if (!text) throw invalidAuthorizationMessage();
    return { DecodedMessage: text };
  },
};
