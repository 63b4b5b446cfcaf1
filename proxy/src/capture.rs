//! A capped copy of a body, taken by the tee as the body streams past and handed to the tap.

use bytes::Bytes;

/// A capped copy of a body.
#[derive(Debug, Default)]
pub(crate) struct Capture {
    bytes: Vec<u8>,
    pub(crate) truncated: bool,
    pub(crate) complete: bool,
}

impl Capture {
    /// Copies what fits under `cap` of `data`; `rest` is how much more the body says is coming,
    /// so the first frame reserves the whole copy (no regrowth, no slack past the body).
    pub(crate) fn push(&mut self, data: &Bytes, rest: u64, cap: usize) {
        if self.bytes.capacity() == 0 {
            let whole = usize::try_from(rest).unwrap_or(usize::MAX).saturating_add(data.len());
            self.bytes.reserve_exact(whole.min(cap));
        }
        let room = cap.saturating_sub(self.bytes.len());
        if data.len() > room {
            self.truncated = true;
        }
        self.bytes.extend_from_slice(&data[..data.len().min(room)]);
    }

    /// Bytes held (what was reserved for the copy).
    pub(crate) fn capacity(&self) -> usize {
        self.bytes.capacity()
    }

    /// The copy.
    pub(crate) fn into_vec(self) -> Vec<u8> {
        self.bytes
    }
}
