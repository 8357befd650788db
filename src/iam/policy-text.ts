// Policy documents are stored as sent and returned URL-encoded, as IAM returns them.
export const encodePolicyDocument = (text: string) => encodeURIComponent(text);
