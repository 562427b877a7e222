package io.tidemark.storage.wal;

/** What waits in the committer's queue: an entry to append, or a control action ordered among the appends. */
sealed interface WalRequest permits WalAppend, WalControl {
}
