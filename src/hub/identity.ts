/** Who is at the other end of a wallboard connection, and how they signed in. */

export interface Identity {
  userId: string;
  readOnly: boolean;
  remote: string;
}

/** What the server keeps about a connection's sign-in: the token's hash and public id, never the token. */
export interface SignIn {
  identity: Identity;
  tokenHash: string;
  tokenId: string;
}
