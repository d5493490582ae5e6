// What each reg-event subscription has told us (RFC 3680 5.2 and the interop rule of the
// issue): per dialog the last version and CSeq, and whether the notifier numbers its
// documents (Kamailio and OpenSIPS send version="0" every time); per subscription (stable
// across re-subscriptions) the contacts it made us hold, so a full-state document can
// replace them.

export interface DialogVersions {
  version: number | undefined;
  cseq: number;
  /** The notifier has sent an increasing version at least once. */
  numbers: boolean;
}

export type Verdict = 'apply' | 'stale' | 'gap';

export class NotifyTracker {
  private readonly dialogs = new Map<string, DialogVersions>();
  /** subscription key -> AOR key -> contact URIs learned from it. */
  readonly learned = new Map<string, Map<string, Set<string>>>();

  /** Decides what to do with document `version` (`full` or not) in NOTIFY `cseq` of a dialog. */
  judge(dialog: string, cseq: number, version: number, full: boolean): Verdict {
    const d = this.dialogs.get(dialog);
    if (!d) return 'apply';
    if (cseq <= d.cseq) return 'stale'; // a replayed or reordered NOTIFY
    if (d.version === undefined) return 'apply';
    if (version > d.version) return d.numbers && version > d.version + 1 && !full ? 'gap' : 'apply';
    if (d.numbers) return 'stale'; // a numbering notifier went backwards or repeated
    // A notifier that does not number: a newer NOTIFY of the dialog with full state counts.
    return full && version === d.version ? 'apply' : 'stale';
  }

  /** Records a document that was applied (or a gap that was). */
  seen(dialog: string, cseq: number, version: number): void {
    const d = this.dialogs.get(dialog);
    if (!d) {
      this.dialogs.set(dialog, { version, cseq, numbers: false });
      return;
    }
    if (d.version !== undefined && version > d.version) d.numbers = true;
    d.version = Math.max(d.version ?? version, version);
    d.cseq = Math.max(d.cseq, cseq);
  }

  /** A dialog is over (its subscription terminated). */
  forget(dialog: string): void {
    this.dialogs.delete(dialog);
  }

  learnedOf(sub: string): Map<string, Set<string>> {
    let m = this.learned.get(sub);
    if (!m) this.learned.set(sub, (m = new Map()));
    return m;
  }
}
