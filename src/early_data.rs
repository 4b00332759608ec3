//! TLS 1.3 early data (0-RTT, RFC 8446 §2.3 and §4.2.10): the terms a PSK carries, and
//! where one connection stands, tracked the way s2n-tls reports it.
//!
//! A client that holds a PSK allowing early data may send application data right after its
//! ClientHello, under the client_early_traffic_secret. The server takes it only if the PSK
//! it accepts is the client's first, the connection negotiates what the PSK was made with
//! (suite, ALPN protocol), and the application is reading early data and agrees; otherwise
//! it skips those records. Early data can be replayed by an attacker: taking it is the
//! application's choice (s2n's early data callback is where it checks).

use crate::error::{Error, ErrorCode, Result};
use crate::suites::Tls13Suite;

/// What early data a PSK allows: how much, and what the resumed connection must negotiate
/// for a server to take it (the suite, the ALPN protocol, and the application's context,
/// which the server's early data callback sees). A session's terms come from its ticket;
/// an external PSK's from `s2n_psk_configure_early_data` and friends.
#[derive(Clone, Default, PartialEq, Eq, Debug)]
pub struct EarlyDataTerms {
    /// 0: no early data.
    pub max_size: u32,
    pub suite: Option<&'static Tls13Suite>,
    pub alpn: Box<[u8]>,
    pub context: Box<[u8]>,
}

impl EarlyDataTerms {
    /// Whether a handshake that negotiated `suite` and `alpn` (none: empty) may carry early
    /// data under these terms (RFC 8446 §4.2.10's checks beyond the PSK choice).
    pub fn hold_for(&self, suite: &'static Tls13Suite, alpn: &[u8]) -> bool {
        self.max_size > 0 && self.suite == Some(suite) && *self.alpn == *alpn
    }
}

/// s2n's early data states; the initial `Unknown` reports as "OK" (nothing decided yet).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EarlyDataState {
    #[default]
    Unknown,
    NotRequested,
    Requested,
    Accepted,
    Rejected,
    /// Accepted, and the client's EndOfEarlyData has been sent or received.
    End,
}

/// One connection's early data.
#[derive(Default)]
pub struct EarlyData {
    pub state: EarlyDataState,
    /// The application is in `s2n_send_early_data`/`s2n_recv_early_data`: a server only
    /// accepts early data then, and a client holds its EndOfEarlyData back until it leaves.
    pub expected: bool,
    /// Early data sent or received so far (by a server that rejected it: skipped).
    pub bytes: u32,
    /// The most early data this connection allows, once the handshake has fixed it (the
    /// offered or accepted PSK's terms); before that, see `Connection::max_early_data_size`.
    pub limit: Option<u32>,
}

impl EarlyData {
    /// Moves to `next` along s2n's transitions (each state has one possible predecessor).
    pub fn set_state(&mut self, next: EarlyDataState) -> Result<()> {
        use EarlyDataState::*;
        if self.state == next {
            return Ok(());
        }
        let allowed_from = match next {
            Requested | NotRequested => Unknown,
            Accepted | Rejected => Requested,
            End => Accepted,
            Unknown => return Err(Error::new(ErrorCode::INVALID_EARLY_DATA_STATE)),
        };
        if self.state != allowed_from {
            return Err(Error::new(ErrorCode::INVALID_EARLY_DATA_STATE));
        }
        self.state = next;
        Ok(())
    }

    /// Whether early data may still flow: nothing is decided against it yet.
    pub fn may_flow(&self) -> bool {
        matches!(self.state, EarlyDataState::Unknown | EarlyDataState::Requested | EarlyDataState::Accepted)
    }

    /// Counts `n` more bytes of early data against `max`.
    pub fn count(&mut self, n: usize, max: u32) -> Result<()> {
        let total = u64::from(self.bytes) + n as u64;
        if total > u64::from(max) {
            return Err(Error::with_alert(
                ErrorCode::MAX_EARLY_DATA_SIZE,
                crate::alert::AlertDescription::UnexpectedMessage,
            ));
        }
        self.bytes = total as u32;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_follow_s2n_transitions() {
        use EarlyDataState::*;
        let mut e = EarlyData::default();
        assert!(e.set_state(Accepted).is_err());
        e.set_state(Requested).unwrap();
        assert!(e.set_state(NotRequested).is_err());
        e.set_state(Accepted).unwrap();
        assert!(e.set_state(Rejected).is_err());
        e.set_state(End).unwrap();
        e.set_state(End).unwrap();
        assert!(!e.may_flow());
        let mut e = EarlyData::default();
        e.set_state(NotRequested).unwrap();
        assert!(e.set_state(Requested).is_err());
    }

    #[test]
    fn counting_stops_at_the_limit() {
        let mut e = EarlyData::default();
        e.count(10, 15).unwrap();
        e.count(5, 15).unwrap();
        assert_eq!(e.count(1, 15).unwrap_err().code, ErrorCode::MAX_EARLY_DATA_SIZE);
        assert_eq!(e.bytes, 15);
    }
}
