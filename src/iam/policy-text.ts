// Policy documents are stored as sent and returned URL-encoded, as IAM returns them.
export const encodePolicyDocument = (text: string) => encodeURIComponent(text);

/** The size IAM counts a policy document at against its quotas: white space does not count. */
export const policySize = (text: string) => text.replace(/\s/g, '').length;
