export interface RrState {
  readonly appendFromtag: boolean;
  readonly doubleRr: boolean;
  readonly addUsername: boolean;
}
