//! The `records.jsonl` line of a record, written straight into a byte buffer.
//!
//! The bytes are exactly those of `serde_json::to_writer(record)` (the derives in
//! [`crate::model`] stay the definition of the format; a test compares the two on the
//! fixtures). Writing by hand saves what the generic path spends per field and per byte: every
//! key escaped again for every value, every string scanned one byte at a time. Here keys are
//! constants, and strings are scanned eight bytes at a time for the few bytes JSON escapes.
//!
//! Field order and null/skip rules follow the struct declarations in `model.rs`: a field added
//! there must be added here too (the fixture test fails until it is).

use super::scan;
use crate::model::{
    CountMention, DateMention, EntityRecord, Event, EventCount, EventMoney, MoneyMention,
    PlaceMention, Quantity, Record, SpanText,
};

/// Append the JSON object of `r` (no line break).
pub(super) fn record(out: &mut Vec<u8>, r: &Record) {
    out.extend_from_slice(b"{\"schema\":");
    string(out, &r.schema);
    out.extend_from_slice(b",\"doc_id\":");
    string(out, &r.doc_id);
    out.extend_from_slice(b",\"path\":");
    string(out, &r.path);
    out.extend_from_slice(b",\"sha256\":");
    opt_string(out, r.sha256.as_deref());
    out.extend_from_slice(b",\"bytes\":");
    uint(out, r.bytes);
    out.extend_from_slice(b",\"status\":");
    name(out, r.status.as_str());
    out.extend_from_slice(b",\"problems\":");
    list(out, &r.problems, |out, p| {
        out.extend_from_slice(b"{\"kind\":");
        name(out, p.kind.as_str());
        out.extend_from_slice(b",\"message\":");
        string(out, &p.message);
        out.push(b'}');
    });
    out.extend_from_slice(b",\"encoding\":");
    opt_string(out, r.encoding.as_deref());
    out.extend_from_slice(b",\"language\":");
    match &r.language {
        Some(l) => {
            out.extend_from_slice(b"{\"code\":");
            string(out, &l.code);
            out.extend_from_slice(b",\"confidence\":");
            float(out, l.confidence);
            out.push(b'}');
        }
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"paragraphs\":");
    list(out, &r.paragraphs, |out, p| {
        open_span(out, p.start, p.end);
        out.extend_from_slice(b",\"language\":");
        opt_string(out, p.language.as_deref());
        out.extend_from_slice(if p.boilerplate {
            b",\"boilerplate\":true,\"section\":"
        } else {
            b",\"boilerplate\":false,\"section\":"
        });
        name(out, p.section.as_str());
        out.push(b'}');
    });
    out.extend_from_slice(b",\"segments\":");
    list(out, &r.segments, |out, s| {
        open_span(out, s.start, s.end);
        out.extend_from_slice(b",\"language\":");
        string(out, &s.language);
        out.extend_from_slice(b",\"confidence\":");
        float(out, s.confidence);
        out.push(b'}');
    });
    out.extend_from_slice(b",\"reference_date\":");
    match &r.reference_date {
        Some(d) => {
            out.extend_from_slice(b"{\"value\":");
            string(out, &d.value);
            out.extend_from_slice(b",\"source\":");
            name(out, d.source.as_str());
            out.push(b'}');
        }
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"entities\":");
    list(out, &r.entities, entity);
    out.extend_from_slice(b",\"dates\":");
    list(out, &r.dates, date);
    out.extend_from_slice(b",\"counts\":");
    list(out, &r.counts, count);
    out.extend_from_slice(b",\"money\":");
    list(out, &r.money, money);
    out.extend_from_slice(b",\"events\":");
    list(out, &r.events, event);
    out.push(b'}');
}

fn entity(out: &mut Vec<u8>, e: &EntityRecord) {
    out.extend_from_slice(b"{\"id\":");
    string(out, &e.id);
    out.extend_from_slice(b",\"type\":");
    name(out, e.kind.as_str());
    out.extend_from_slice(b",\"name\":");
    string(out, &e.name);
    out.extend_from_slice(b",\"source\":");
    name(out, e.source.as_str());
    if !e.candidates.is_empty() {
        out.extend_from_slice(b",\"candidates\":");
        strings(out, &e.candidates);
    }
    if let Some(cue) = &e.cue {
        out.extend_from_slice(b",\"cue\":");
        string(out, cue);
    }
    if let Some(c) = e.confidence {
        out.extend_from_slice(b",\"confidence\":");
        float(out, c);
    }
    if let Some(s) = &e.evidence {
        out.extend_from_slice(b",\"evidence\":");
        span_text(out, s);
    }
    out.extend_from_slice(b",\"mentions\":");
    list(out, &e.mentions, span_text);
    out.push(b'}');
}

fn date(out: &mut Vec<u8>, d: &DateMention) {
    open_span_text(out, d.start, d.end, &d.text);
    out.extend_from_slice(b",\"value\":");
    string(out, &d.value);
    out.extend_from_slice(b",\"precision\":");
    name(out, d.precision.as_str());
    if let Some(q) = &d.qualifier {
        out.extend_from_slice(b",\"qualifier\":");
        string(out, q);
    }
    if let Some(rel) = &d.relative {
        out.extend_from_slice(b",\"relative\":");
        string(out, rel);
    }
    if d.year_inferred {
        out.extend_from_slice(b",\"year_inferred\":true");
    }
    if let Some(a) = &d.anchor {
        out.extend_from_slice(b",\"anchor\":");
        string(out, a);
    }
    out.push(b'}');
}

fn count(out: &mut Vec<u8>, c: &CountMention) {
    open_span_text(out, c.start, c.end, &c.text);
    values(out, c.value, c.value_max);
    out.extend_from_slice(b",\"qualifier\":");
    name(out, c.qualifier.as_str());
    out.extend_from_slice(b",\"what\":");
    opt_string(out, c.what.as_deref());
    if let Some(u) = &c.unit {
        out.extend_from_slice(b",\"unit\":");
        string(out, u);
    }
    out.push(b'}');
}

fn money(out: &mut Vec<u8>, m: &MoneyMention) {
    open_span_text(out, m.start, m.end, &m.text);
    values(out, m.value, m.value_max);
    out.extend_from_slice(b",\"currency\":");
    string(out, &m.currency);
    out.push(b'}');
}

fn event(out: &mut Vec<u8>, e: &Event) {
    out.extend_from_slice(b"{\"id\":");
    string(out, &e.id);
    out.extend_from_slice(b",\"type\":");
    name(out, e.kind.as_str());
    out.extend_from_slice(b",\"mode\":");
    name(out, e.mode.as_str());
    out.extend_from_slice(b",\"section\":");
    name(out, e.section.as_str());
    out.extend_from_slice(b",\"date\":");
    opt_string(out, e.date.as_deref());
    out.extend_from_slice(b",\"agencies\":");
    strings(out, &e.agencies);
    out.extend_from_slice(b",\"countries\":");
    strings(out, &e.countries);
    out.extend_from_slice(b",\"people\":");
    strings(out, &e.people);
    out.extend_from_slice(b",\"gangs\":");
    strings(out, &e.gangs);
    out.extend_from_slice(b",\"counts\":");
    list(out, &e.counts, |out, q| quantity(out, *q));
    out.extend_from_slice(b",\"sentence\":");
    let sentence_from = out.len();
    span_text(out, &e.sentence);
    let sentence = sentence_from..out.len();
    out.extend_from_slice(b",\"trigger\":");
    span_text(out, &e.trigger);
    out.extend_from_slice(b",\"confidence\":");
    float(out, e.confidence);
    out.extend_from_slice(b",\"subtype\":");
    string(out, &e.subtype);
    out.extend_from_slice(b",\"cameo\":");
    string(out, &e.cameo);
    out.extend_from_slice(b",\"plover\":");
    string(out, &e.plover);
    out.extend_from_slice(b",\"cluster\":");
    string(out, &e.cluster);
    out.extend_from_slice(b",\"date_precision\":");
    opt_string(out, e.date_precision.map(|p| p.as_str()));
    out.extend_from_slice(b",\"actors\":");
    strings(out, &e.actors);
    out.extend_from_slice(b",\"targets\":");
    strings(out, &e.targets);
    out.extend_from_slice(b",\"place\":");
    match &e.place {
        Some(p) => place(out, p),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"count\":");
    match &e.count {
        Some(c) => event_count(out, c),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"money\":");
    match &e.money {
        Some(m) => event_money(out, m),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"evidence\":");
    // The first evidence sentence is (nearly always) the event's sentence, already written
    // above: its object is copied rather than written and checked for escapes again.
    list(out, &e.evidence, |out, s| {
        if *s == e.sentence {
            out.extend_from_within(sentence.clone());
        } else {
            span_text(out, s);
        }
    });
    out.push(b'}');
}

fn place(out: &mut Vec<u8>, p: &PlaceMention) {
    out.extend_from_slice(b"{\"id\":");
    string(out, &p.id);
    out.extend_from_slice(b",\"name\":");
    string(out, &p.name);
    out.extend_from_slice(b",\"kind\":");
    string(out, &p.kind);
    out.extend_from_slice(b",\"country\":");
    string(out, &p.country);
    out.extend_from_slice(b",\"start\":");
    uint(out, p.start as u64);
    out.extend_from_slice(b",\"end\":");
    uint(out, p.end as u64);
    out.extend_from_slice(b",\"text\":");
    string(out, &p.text);
    out.push(b'}');
}

fn event_count(out: &mut Vec<u8>, c: &EventCount) {
    out.extend_from_slice(b"{\"value\":");
    quantity(out, c.value);
    out.extend_from_slice(b",\"what\":");
    opt_string(out, c.what.as_deref());
    out.extend_from_slice(b",\"start\":");
    uint(out, c.start as u64);
    out.extend_from_slice(b",\"end\":");
    uint(out, c.end as u64);
    out.push(b'}');
}

fn event_money(out: &mut Vec<u8>, m: &EventMoney) {
    out.extend_from_slice(b"{\"value\":");
    quantity(out, m.value);
    out.extend_from_slice(b",\"value_max\":");
    opt_quantity(out, m.value_max);
    out.extend_from_slice(b",\"currency\":");
    string(out, &m.currency);
    out.extend_from_slice(b",\"start\":");
    uint(out, m.start as u64);
    out.extend_from_slice(b",\"end\":");
    uint(out, m.end as u64);
    out.push(b'}');
}

fn span_text(out: &mut Vec<u8>, s: &SpanText) {
    open_span_text(out, s.start, s.end, &s.text);
    out.push(b'}');
}

/// `{"start":S,"end":E`: the opening every span object shares; the caller adds its other
/// fields and the closing brace.
fn open_span(out: &mut Vec<u8>, start: usize, end: usize) {
    out.extend_from_slice(b"{\"start\":");
    uint(out, start as u64);
    out.extend_from_slice(b",\"end\":");
    uint(out, end as u64);
}

/// [`open_span`] and the span's `"text"`.
fn open_span_text(out: &mut Vec<u8>, start: usize, end: usize, text: &str) {
    open_span(out, start, end);
    out.extend_from_slice(b",\"text\":");
    string(out, text);
}

/// `,"value":V,"value_max":M`: the amount of a count or of money.
fn values(out: &mut Vec<u8>, value: Quantity, max: Option<Quantity>) {
    out.extend_from_slice(b",\"value\":");
    quantity(out, value);
    out.extend_from_slice(b",\"value_max\":");
    opt_quantity(out, max);
}

/// `[a,b,…]` with each item written by `item`.
fn list<T>(out: &mut Vec<u8>, items: &[T], item: impl Fn(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        item(out, x);
    }
    out.push(b']');
}

fn strings(out: &mut Vec<u8>, items: &[String]) {
    list(out, items, |out, s| string(out, s));
}

fn uint(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

/// A float exactly as serde_json writes it (its shortest-representation formatter; `null`
/// when not finite). Floats are few per record, so the generic path costs little here.
fn float(out: &mut Vec<u8>, v: f64) {
    serde_json::to_writer(out, &v).expect("a float always serializes to memory");
}

/// [`Quantity`]'s own serialization: an integer when it is one, else a float.
fn quantity(out: &mut Vec<u8>, q: Quantity) {
    let v = q.0;
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
        out.extend_from_slice(itoa::Buffer::new().format(v as i64).as_bytes());
    } else {
        float(out, v);
    }
}

fn opt_quantity(out: &mut Vec<u8>, q: Option<Quantity>) {
    match q {
        Some(q) => quantity(out, q),
        None => out.extend_from_slice(b"null"),
    }
}

fn opt_string(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A string known to need no escaping (an enum's snake_case name), quoted.
fn name(out: &mut Vec<u8>, s: &'static str) {
    debug_assert!(s.bytes().all(|b| escape_of(b) == 0));
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
}

/// A JSON string: quotes, and the escapes serde_json uses (`\"`, `\\`, `\b \t \n \f \r`,
/// `\u00xx` for other control bytes; everything else, non-ASCII included, verbatim). Almost
/// every string needs no escape: it is checked whole, then copied in one piece.
fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    if needs_escape(bytes) {
        escaped(out, bytes);
    } else {
        out.extend_from_slice(bytes);
    }
    out.push(b'"');
}

/// True when any byte of `bytes` is one JSON escapes (see [`scan::any_special`]).
fn needs_escape(bytes: &[u8]) -> bool {
    scan::any_special(
        bytes,
        |b| (b < 0x20) | (b == b'"') | (b == b'\\'),
        word_needs_escape,
    )
}

/// The slow path of [`string`], for a string with at least one byte to escape.
fn escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape = escape_of(b);
        if escape == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[run..i]);
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 0xf) as usize],
            ]);
        } else {
            out.extend_from_slice(&[b'\\', escape]);
        }
        run = i + 1;
    }
    out.extend_from_slice(&bytes[run..]);
}

/// The letter after the backslash for a byte JSON escapes (`u` for `\u00xx`), 0 for the rest.
fn escape_of(b: u8) -> u8 {
    match b {
        0x08 => b'b',
        b'\t' => b't',
        b'\n' => b'n',
        0x0c => b'f',
        b'\r' => b'r',
        b'"' => b'"',
        b'\\' => b'\\',
        0..0x20 => b'u',
        _ => 0,
    }
}

/// True when any of the eight bytes is a control byte, `"` or `\` (the classic SWAR tests:
/// a byte below 0x20, a byte equal to a constant). Exact for "any", which is all it answers.
fn word_needs_escape(w: u64) -> bool {
    let below_space = w.wrapping_sub(scan::ONES * 0x20) & !w;
    (below_space | scan::bytes_equal(w, b'"') | scan::bytes_equal(w, b'\\')) & scan::HIGHS != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_like_serde_json() {
        let mut all: String = (0u8..0x80).map(char::from).collect();
        all.push_str("é “quoted” \"plain\" back\\slash\u{7f}\u{1f}");
        for s in [
            "",
            "a",
            "exactly8",
            "seven b\"",
            "\"\"\"\"\"\"\"\"\"",
            "tab\there and\nnewline at 16\r",
            "café\u{0}",
            "0123456789\"",
            "0123456789abcdef\\",
            "ends in a control\u{1}",
            all.as_str(),
        ] {
            let mut out = Vec::new();
            string(&mut out, s);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(s).unwrap(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn enum_names_like_serde_json() {
        use crate::model::{EntitySource, ProblemKind, ReferenceSource};
        let quoted = |s: &str| format!("\"{s}\"");
        for k in [
            ProblemKind::Unreadable,
            ProblemKind::Binary,
            ProblemKind::TooLarge,
            ProblemKind::Decode,
            ProblemKind::Empty,
            ProblemKind::Internal,
        ] {
            assert_eq!(serde_json::to_string(&k).unwrap(), quoted(k.as_str()));
        }
        for s in [
            ReferenceSource::Text,
            ReferenceSource::FileName,
            ReferenceSource::Option,
        ] {
            assert_eq!(serde_json::to_string(&s).unwrap(), quoted(s.as_str()));
        }
        for s in [
            EntitySource::Gazetteer,
            EntitySource::Document,
            EntitySource::Pattern,
        ] {
            assert_eq!(serde_json::to_string(&s).unwrap(), quoted(s.as_str()));
        }
    }

    #[test]
    fn quantities_and_floats_like_serde_json() {
        for v in [
            0.0,
            1.0,
            0.75,
            -3.0,
            1.5e300,
            9.0e15,
            8.9e15,
            f64::NAN,
            f64::INFINITY,
            0.1 + 0.2,
        ] {
            let mut out = Vec::new();
            quantity(&mut out, Quantity(v));
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&Quantity(v)).unwrap()
            );
        }
    }
}

#[cfg(test)]
mod fixture_tests {
    use super::*;

    /// Every expected fixture record, written by hand and by serde_json: the same bytes.
    #[test]
    fn records_match_serde_json() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/expected");
        let mut compared = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let r: Record = serde_json::from_str(&text).unwrap();
            let mut out = Vec::new();
            record(&mut out, &r);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&r).unwrap(),
                "{}",
                path.display()
            );
            compared += 1;
        }
        assert!(compared > 0);
    }
}
