//! Bad input: refused with a clear error or screened, never a panic.

use crate::common::screening;
use embargo_errors::{Code, ErrorCode};
use embargo_text::{payment, PaymentError, TextError, TextOptions, MAX_TEXT_BYTES};

#[test]
fn odd_texts_screen_without_panicking() {
    let screener = screening().screener();
    let long_word = "Ш".repeat(200_000);
    let marks = "Bagheri\u{200f}\u{202e} \u{301}\u{301} 🚀 Ирана\u{200c}ی  Mohammad\u{0}Bagheri";
    for text in
        ["", " ", ".,;:!?", "'s", "- -", "Mr.", "A. B. C.", long_word.as_str(), marks, "<", "&#x110000;"]
    {
        let found = screener.screen_text(text, &TextOptions::default()).unwrap();
        for m in &found.mentions {
            assert!(m.start <= m.end && m.end <= text.chars().count(), "{text:?}: {m:?}");
        }
    }
}

#[test]
fn a_text_over_the_limit_or_a_bad_threshold_is_refused_with_its_code() {
    let screener = screening().screener();
    let huge = "a ".repeat(MAX_TEXT_BYTES / 2 + 1);
    let err = screener.screen_text(&huge, &TextOptions::default()).unwrap_err();
    assert!(matches!(err, TextError::TooLarge { .. }));
    assert_eq!(err.error_code(), Code::TextTooLarge);
    let err =
        screener.screen_text("x", &TextOptions { threshold: 1.5, ..TextOptions::default() }).unwrap_err();
    assert_eq!(err.error_code(), Code::InvalidParameter);
    assert_eq!(err.to_string(), "threshold 1.5 is outside 0..1");
}

#[test]
fn odd_messages_fail_with_their_code() {
    for (message, code) in [
        ("", Code::UnknownPaymentFormat),
        ("hello", Code::UnknownPaymentFormat),
        ("{1:F01}{4:", Code::InvalidPaymentMessage),
        (":20:X\n:23B:CRED\n", Code::InvalidPaymentMessage),
        ("<Document><CstmrCdtTrfInitn>", Code::InvalidPaymentMessage),
        ("<!DOCTYPE x [<!ENTITY a 'b'>]><Document><CstmrCdtTrfInitn><GrpHdr><MsgId>&a;</MsgId></GrpHdr></CstmrCdtTrfInitn></Document>", Code::InvalidPaymentMessage),
        ("<Document><FIToFICstmrCdtTrf><GrpHdr><MsgId>1</MsgId></GrpHdr></FIToFICstmrCdtTrf></Document>", Code::InvalidPaymentMessage),
    ] {
        let err: PaymentError = payment::parse(message).unwrap_err();
        assert_eq!(err.error_code(), code, "{message:?}: {err}");
    }
}
