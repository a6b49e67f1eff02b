/** What every block component gets: its resolved block, and whether it is near the top (pictures load at once there, lazily below). */
export interface BlockProps<B> {
  block: B;
  eager: boolean;
}
