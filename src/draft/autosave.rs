//! When to write: the composer reports every change; the first change after
//! a save starts a one-second clock, so continuous typing is written about
//! once a second and `kill -9` loses at most about a second. Pure: the
//! caller passes milliseconds from its own monotonic clock.

/// How long a change may wait before it is written.
pub const DELAY_MS: u64 = 1000;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Autosave {
    /// When the oldest unsaved change happened.
    dirty_since: Option<u64>,
    /// Why the last write failed, if it did (quit must then ask).
    pub last_error: Option<String>,
}

impl Autosave {
    pub fn changed(&mut self, now_ms: u64) {
        self.dirty_since.get_or_insert(now_ms);
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty_since.is_some()
    }

    /// The moment a write is due, for the event loop's wait timeout.
    pub fn deadline(&self) -> Option<u64> {
        self.dirty_since.map(|t| t + DELAY_MS)
    }

    pub fn due(&self, now_ms: u64) -> bool {
        self.deadline().is_some_and(|d| now_ms >= d)
    }

    pub fn saved(&mut self) {
        self.dirty_since = None;
        self.last_error = None;
    }

    /// A failed write keeps the changes dirty and retries after the delay.
    pub fn failed(&mut self, now_ms: u64, error: String) {
        self.dirty_since = Some(now_ms);
        self.last_error = Some(error);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuous_typing_is_written_once_a_second() {
        let mut a = Autosave::default();
        let mut writes = Vec::new();
        for t in (0..3000).step_by(50) {
            a.changed(t);
            if a.due(t) {
                writes.push(t);
                a.saved();
            }
        }
        assert_eq!(writes, [1000, 2050]);
    }

    #[test]
    fn a_failed_write_stays_dirty_and_remembers_why() {
        let mut a = Autosave::default();
        a.changed(0);
        a.failed(1000, "disk full".into());
        assert!(a.is_dirty() && !a.due(1500) && a.due(2000));
        assert_eq!(a.last_error.as_deref(), Some("disk full"));
        a.saved();
        assert!(!a.is_dirty() && a.last_error.is_none());
    }
}
