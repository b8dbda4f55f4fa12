//! `trawl bench`: a deterministic benchmark corpus and an end-to-end measurement over it.
//!
//! The corpus ([`ensure_corpus`]) is built from the fixture articles (embedded in the
//! binary): each fixture is run through the pipeline once, its paragraphs become templates in
//! which every gazetteer mention is a slot for an entity of the same type and every number a
//! slot for a number of the same shape. A document is a dateline in its language, body
//! paragraphs, sometimes a teaser, and web boilerplate, 2–8 KB, in en/es/fr/pt; entities come
//! from the shipped gazetteer, numbers, days and years vary. The same seed and size always
//! give the same bytes; a folder whose `manifest.json` matches is reused as it is.
//!
//! A measured pass ([`measure`]) is what `trawl run` does: walk the folder, process every
//! file on `threads` workers, write every output (to a temporary folder, removed afterwards),
//! and report wall and CPU time, peak RSS (`VmHWM`), the CPU time per stage summed over
//! threads, and the time spent waiting to read and to write (wall minus CPU). `trawl bench`
//! runs each pass in a child process so that each peak RSS is clean.

use crate::ingest::{self, Input};
use crate::model::{EntityType, Record, Section};
use crate::output::{OutputWriter, Totals};
use crate::pipeline::{stage_clock, Pipeline, PipelineBuilder};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The fixture articles the corpus is made from.
const FIXTURES: [&str; 13] = [
    include_str!("../fixtures/articles/000_13a1e7a6828b4c6e.txt"),
    include_str!("../fixtures/articles/001_1572227fd2ba5cad.txt"),
    include_str!("../fixtures/articles/002_cad95d83a3c16304.txt"),
    include_str!("../fixtures/articles/003_590209fb124ce564.txt"),
    include_str!("../fixtures/articles/004_b954c392d733c591.txt"),
    include_str!("../fixtures/articles/101_es_extradicion.txt"),
    include_str!("../fixtures/articles/102_es_frontera.txt"),
    include_str!("../fixtures/articles/103_es_condena.txt"),
    include_str!("../fixtures/articles/104_fr_cocaine.txt"),
    include_str!("../fixtures/articles/105_fr_quebec.txt"),
    include_str!("../fixtures/articles/106_pt_fronteira.txt"),
    include_str!("../fixtures/articles/107_pt_acores.txt"),
    include_str!("../fixtures/articles/108_en_sanctions.txt"),
];

/// Bump when the generator changes what it writes, so old corpora are not reused.
const FORMAT: &str = "trawl-bench-corpus/1";

/// The seed of every corpus.
pub const SEED: u64 = 0x7261_776c_6265_6e63;

/// Corpus languages and their shares (per mille).
const LANGS: [(&str, u64); 4] = [("en", 400), ("es", 250), ("fr", 150), ("pt", 200)];

/// Per-language furniture: dateline cities, month names, teasers and boilerplate lines.
/// `{agency}`, `{gang}`, `{country}`, `{person}` are entity slots.
struct Furniture {
    cities: &'static [&'static str],
    months: [&'static str; 12],
    teasers: &'static [&'static str],
    boilerplate: &'static [&'static str],
}

fn furniture(lang: &str) -> Furniture {
    match lang {
        "es" => Furniture {
            cities: &["CIUDAD DE MÉXICO", "BOGOTÁ", "LIMA", "MADRID", "QUITO"],
            months: [
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ],
            teasers: &[
                "Lee también: {gang} amplía sus rutas hacia {country}",
                "Te puede interesar: la {agency} refuerza la frontera",
                "LO MÁS LEÍDO",
            ],
            boilerplate: &[
                "Compartir en: Facebook | X | WhatsApp | Correo",
                "Suscríbete a nuestro boletín para recibir las últimas noticias.",
                "© 2025 Todos los derechos reservados.",
                "Deja un comentario",
            ],
        },
        "fr" => Furniture {
            cities: &["PARIS", "MONTRÉAL", "LYON", "BRUXELLES", "MARSEILLE"],
            months: [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ],
            teasers: &[
                "À lire aussi : {gang} s'implante en {country}",
                "Lire aussi : la {agency} démantèle un réseau",
                "LES PLUS LUS",
            ],
            boilerplate: &[
                "Partager : Facebook | X | LinkedIn | Courriel",
                "Abonnez-vous à notre newsletter pour ne rien manquer.",
                "© 2025 Tous droits réservés.",
                "Laisser un commentaire",
            ],
        },
        "pt" => Furniture {
            cities: &["BRASÍLIA", "LISBOA", "SÃO PAULO", "PORTO", "RIO DE JANEIRO"],
            months: [
                "janeiro",
                "fevereiro",
                "março",
                "abril",
                "maio",
                "junho",
                "julho",
                "agosto",
                "setembro",
                "outubro",
                "novembro",
                "dezembro",
            ],
            teasers: &[
                "Leia também: {gang} expande rotas para {country}",
                "Veja também: {agency} reforça a fronteira",
                "MAIS LIDAS",
            ],
            boilerplate: &[
                "Compartilhe: Facebook | X | WhatsApp | E-mail",
                "Assine a nossa newsletter e receba as últimas notícias.",
                "© 2025 Todos os direitos reservados.",
                "Deixe um comentário",
            ],
        },
        _ => Furniture {
            cities: &["WASHINGTON", "LONDON", "OTTAWA", "MIAMI", "THE HAGUE"],
            months: [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ],
            teasers: &[
                "Read more: {gang} expands into {country}",
                "RELATED: {agency} steps up border checks",
                "MOST READ",
            ],
            boilerplate: &[
                "Share this article: Facebook | X | LinkedIn | Email",
                "Sign up for our newsletter to get the latest updates.",
                "© 2025 All rights reserved.",
                "Leave a Reply",
            ],
        },
    }
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

/// One piece of a paragraph template.
#[derive(Clone, Debug)]
enum Piece {
    Text(String),
    Entity(EntityType),
    /// A run of ASCII digits: a year, a day-sized number, or any other number of `n` digits.
    Year,
    Small,
    Digits(usize),
}

type Template = Vec<Piece>;

/// Paragraph templates of one language, by section.
#[derive(Default)]
struct Pools {
    body: Vec<Template>,
    teaser: Vec<Template>,
    boilerplate: Vec<Template>,
}

/// Everything the generator draws from.
struct Source {
    pools: Vec<(&'static str, Pools)>,
    entities: Vec<(EntityType, Vec<String>)>,
}

fn text_pieces(text: &str, out: &mut Template) {
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        if start > 0 {
            out.push(Piece::Text(rest[..start].to_string()));
        }
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        let digits = &rest[..end];
        out.push(match digits.len() {
            4 if digits.starts_with("19") || digits.starts_with("20") => Piece::Year,
            1 | 2 if digits.parse::<u32>().is_ok_and(|n| n <= 31) => Piece::Small,
            n => Piece::Digits(n),
        });
        rest = &rest[end..];
    }
}

/// A template from `text` with the mentions `slots` (sorted, not overlapping) as slots.
fn template(text: &str, offset: usize, slots: &[(usize, usize, EntityType)]) -> Template {
    let mut out = Vec::new();
    let mut at = 0;
    for &(s, e, kind) in slots {
        let (s, e) = (s - offset, e - offset);
        text_pieces(&text[at..s], &mut out);
        out.push(Piece::Entity(kind));
        at = e;
    }
    text_pieces(&text[at..], &mut out);
    out
}

/// Parse a furniture line: `{agency}` and friends are slots.
fn furniture_template(line: &str) -> Template {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        text_pieces(&rest[..open], &mut out);
        out.push(Piece::Entity(match &rest[open + 1..open + close] {
            "gang" => EntityType::Gang,
            "country" => EntityType::Country,
            "person" => EntityType::Person,
            _ => EntityType::Agency,
        }));
        rest = &rest[open + close + 1..];
    }
    text_pieces(rest, &mut out);
    out
}

impl Source {
    fn new(pipeline: &Pipeline) -> Source {
        let mut pools: Vec<(&'static str, Pools)> =
            LANGS.iter().map(|(l, _)| (*l, Pools::default())).collect();
        for (i, text) in FIXTURES.iter().enumerate() {
            let doc = ingest::Document::from_text(&format!("fixture{i}.txt"), text.to_string());
            let record = pipeline.process(&doc);
            let Some(code) = record.language.as_ref().map(|l| l.code.clone()) else {
                continue;
            };
            let Some((_, pool)) = pools.iter_mut().find(|(l, _)| *l == code) else {
                continue;
            };
            let mut mentions: Vec<(usize, usize, EntityType)> = record
                .entities
                .iter()
                .filter(|e| !e.id.starts_with("doc:"))
                .flat_map(|e| e.mentions.iter().map(move |m| (m.start, m.end, e.kind)))
                .collect();
            mentions.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            let mut slots: Vec<(usize, usize, EntityType)> = Vec::new();
            for m in mentions {
                if !matches!(slots.last(), Some(l) if m.0 < l.1) {
                    slots.push(m);
                }
            }
            for p in &record.paragraphs {
                let inside: Vec<_> = slots
                    .iter()
                    .copied()
                    .filter(|&(s, e, _)| s >= p.start && e <= p.end)
                    .collect();
                let t = template(&text[p.start..p.end], p.start, &inside);
                match p.section {
                    Section::Body => pool.body.push(t),
                    Section::Teaser => pool.teaser.push(t),
                    Section::Boilerplate => pool.boilerplate.push(t),
                }
            }
        }
        for (lang, pool) in &mut pools {
            let f = furniture(lang);
            pool.teaser
                .extend(f.teasers.iter().map(|l| furniture_template(l)));
            pool.boilerplate
                .extend(f.boilerplate.iter().map(|l| furniture_template(l)));
        }
        let g = pipeline.gazetteer();
        let entities = [
            EntityType::Agency,
            EntityType::Person,
            EntityType::Gang,
            EntityType::Country,
            EntityType::Org,
        ]
        .into_iter()
        .map(|kind| {
            let mut names: Vec<String> = Vec::new();
            for e in g.entities.iter().filter(|e| e.kind == kind) {
                // The canonical name twice as often as any one alias.
                names.push(e.name.clone());
                names.push(e.name.clone());
                names.extend(e.aliases.iter().map(|a| a.text.trim().to_string()));
            }
            if names.is_empty() {
                names.push(kind.as_str().to_string());
            }
            (kind, names)
        })
        .collect();
        Source { pools, entities }
    }

    fn render(&self, t: &Template, rng: &mut Rng, out: &mut String) {
        for p in t {
            match p {
                Piece::Text(s) => out.push_str(s),
                Piece::Entity(kind) => {
                    let names = self
                        .entities
                        .iter()
                        .find(|(k, _)| k == kind)
                        .map(|(_, n)| n.as_slice())
                        .unwrap_or_default();
                    if !names.is_empty() {
                        out.push_str(rng.pick::<String>(names));
                    }
                }
                Piece::Year => out.push_str(&rng.range(2012, 2025).to_string()),
                Piece::Small => out.push_str(&rng.range(1, 28).to_string()),
                Piece::Digits(n) => {
                    out.push(char::from(b'0' + rng.range(1, 9) as u8));
                    for _ in 1..*n {
                        out.push(char::from(b'0' + rng.range(0, 9) as u8));
                    }
                }
            }
        }
    }

    /// Document `i` of the corpus: its language and text.
    fn document(&self, i: u64) -> (&'static str, String) {
        let mut rng = Rng::new(SEED ^ (i + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut roll = rng.range(0, 999);
        let mut lang = LANGS[0].0;
        for (l, share) in LANGS {
            if roll < share {
                lang = l;
                break;
            }
            roll -= share;
        }
        let pool = &self
            .pools
            .iter()
            .find(|(l, _)| *l == lang)
            .expect("every corpus language has a pool")
            .1;
        let f = furniture(lang);
        let target = rng.range(2_000, 7_400) as usize;
        let mut text = String::with_capacity(8_192);
        let city = rng.pick(f.cities);
        let (day, month, year) = (rng.range(1, 28), rng.pick(&f.months), rng.range(2015, 2025));
        match lang {
            "en" => text.push_str(&format!("{city}, {month} {day}, {year} — ")),
            "es" => text.push_str(&format!("{city}, {day} de {month} de {year}.– ")),
            "fr" => text.push_str(&format!("{city}, {day} {month} {year} – ")),
            _ => text.push_str(&format!("{city}, {day} de {month} de {year} – ")),
        }
        let teaser_at = if rng.range(0, 1) == 0 {
            Some(rng.range(1, 3) as usize)
        } else {
            None
        };
        let mut paragraphs = 0;
        while text.len() < target && !pool.body.is_empty() {
            if paragraphs > 0 {
                text.push_str("\n\n");
            }
            if teaser_at == Some(paragraphs) && !pool.teaser.is_empty() {
                self.render(rng.pick(&pool.teaser), &mut rng, &mut text);
                text.push_str("\n\n");
            }
            let mut p = String::new();
            self.render(rng.pick(&pool.body), &mut rng, &mut p);
            if paragraphs > 0 && text.len() + p.len() > 7_400 {
                break;
            }
            text.push_str(&p);
            paragraphs += 1;
        }
        for _ in 0..rng.range(1, 3) {
            if let Some(t) = (!pool.boilerplate.is_empty()).then(|| rng.pick(&pool.boilerplate)) {
                text.push_str("\n\n");
                self.render(t, &mut rng, &mut text);
            }
        }
        text.push('\n');
        (lang, text)
    }
}

/// What a corpus folder holds; reused when it matches what would be generated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Generator format.
    pub format: String,
    /// Seed.
    pub seed: u64,
    /// Requested size in bytes.
    pub target_bytes: u64,
    /// SHA-256 over the fixture articles and the shipped gazetteer files.
    pub source_sha256: String,
    /// Documents written.
    pub documents: u64,
    /// Bytes written.
    pub bytes: u64,
    /// Documents per language.
    pub languages: std::collections::BTreeMap<String, u64>,
}

/// `10M`, `100M`, `1G` (decimal: 10⁷, 10⁸, 10⁹ bytes); also `K` and plain bytes.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.chars().last() {
        Some('K' | 'k') => (&s[..s.len() - 1], 1_000),
        Some('M' | 'm') => (&s[..s.len() - 1], 1_000_000),
        Some('G' | 'g') => (&s[..s.len() - 1], 1_000_000_000),
        _ => (s, 1),
    };
    num.parse::<u64>()
        .ok()
        .filter(|n| *n > 0)
        .map(|n| n * mult)
        .ok_or_else(|| format!("--size {s:?}: expected a size such as 10M, 100M or 1G"))
}

/// The size a corpus folder's manifest says it was generated at, if it has one.
pub fn recorded_size(dir: &Path) -> Option<u64> {
    let text = fs::read_to_string(dir.join("manifest.json")).ok()?;
    let m: Manifest = serde_json::from_str(&text).ok()?;
    (m.format == FORMAT).then_some(m.target_bytes)
}

/// `bytes` as the shortest size [`parse_size`] reads back: 10000000 is "10M".
pub fn size_label(bytes: u64) -> String {
    for (unit, mult) in [("G", 1_000_000_000), ("M", 1_000_000), ("K", 1_000)] {
        if bytes >= mult && bytes % mult == 0 {
            return format!("{}{unit}", bytes / mult);
        }
    }
    bytes.to_string()
}

fn source_sha256(pipeline: &Pipeline) -> String {
    let mut h = Sha256::new();
    h.update(FORMAT.as_bytes());
    for f in FIXTURES {
        h.update(f.as_bytes());
        h.update([0]);
    }
    for f in &pipeline.gazetteer().files {
        h.update(f.sha256.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The folder documents are written to, below the corpus folder.
pub fn docs_dir(corpus: &Path) -> PathBuf {
    corpus.join("docs")
}

/// Make sure `dir` holds the corpus of `target_bytes`: reuse it when its manifest matches,
/// otherwise write it anew. Returns the manifest and whether it was generated now.
pub fn ensure_corpus(
    pipeline: &Pipeline,
    dir: &Path,
    target_bytes: u64,
) -> io::Result<(Manifest, bool)> {
    let source = source_sha256(pipeline);
    let manifest_path = dir.join("manifest.json");
    if let Ok(old) = fs::read_to_string(&manifest_path) {
        if let Ok(m) = serde_json::from_str::<Manifest>(&old) {
            if m.format == FORMAT
                && m.seed == SEED
                && m.target_bytes == target_bytes
                && m.source_sha256 == source
            {
                return Ok((m, false));
            }
        }
    }
    let _ = fs::remove_file(&manifest_path);
    let docs = docs_dir(dir);
    if docs.exists() {
        fs::remove_dir_all(&docs)?;
    }
    let src = Source::new(pipeline);
    let mut m = Manifest {
        format: FORMAT.into(),
        seed: SEED,
        target_bytes,
        source_sha256: source,
        documents: 0,
        bytes: 0,
        languages: Default::default(),
    };
    while m.bytes < target_bytes {
        let i = m.documents;
        let (lang, text) = src.document(i);
        let sub = docs.join(format!("{:04}", i / 1000));
        if i % 1000 == 0 {
            fs::create_dir_all(&sub)?;
        }
        fs::write(sub.join(format!("{i:07}_{lang}.txt")), &text)?;
        m.documents += 1;
        m.bytes += text.len() as u64;
        *m.languages.entry(lang.to_string()).or_default() += 1;
    }
    let json = serde_json::to_string_pretty(&m).map_err(io::Error::other)?;
    fs::write(&manifest_path, json + "\n")?;
    Ok((m, true))
}

/// One measured pass over a corpus.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pass {
    /// Worker threads.
    pub threads: usize,
    /// Documents processed.
    pub documents: u64,
    /// Bytes of input.
    pub bytes: u64,
    /// Building the pipeline (gazetteers, automata, regexes), seconds.
    pub startup_seconds: f64,
    /// Walking, processing and writing every output, seconds (wall).
    pub seconds: f64,
    /// CPU time of the process (user + system), seconds.
    pub cpu_seconds: f64,
    /// The system part of `cpu_seconds`: mostly the kernel copying the outputs into the page
    /// cache, which grows with the bytes written.
    #[serde(default)]
    pub sys_seconds: f64,
    /// Bytes of every output file written.
    #[serde(default)]
    pub output_bytes: u64,
    /// Peak resident set size (`VmHWM`), KiB.
    pub peak_rss_kib: u64,
    /// CPU seconds per stage, summed over threads, in pipeline order.
    pub stages: Vec<(String, f64)>,
    /// Seconds of waiting beside the stages, wall minus CPU: "read" summed over the workers,
    /// "write" on the thread that writes (for the disk, or for a core when threads outnumber
    /// cores).
    #[serde(default)]
    pub waits: Vec<(String, f64)>,
}

impl Pass {
    /// Decimal megabytes of input per second of wall time.
    pub fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds
    }

    /// Documents per second of wall time.
    pub fn docs_per_s(&self) -> f64 {
        self.documents as f64 / self.seconds
    }
}

/// Peak resident set size of this process in KiB (`VmHWM` in `/proc/self/status`).
pub fn peak_rss_kib() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// User and system CPU seconds of this process (`/proc/self/stat`, USER_HZ = 100).
fn cpu_times() -> Option<(f64, f64)> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i)?.parse::<u64>().ok();
    Some((ticks(11)? as f64 / 100.0, ticks(12)? as f64 / 100.0))
}

/// Bytes of the files directly in `dir`.
fn folder_bytes(dir: &Path) -> u64 {
    fs::read_dir(dir).map_or(0, |entries| {
        entries
            .filter_map(|e| e.ok()?.metadata().ok())
            .filter(|m| m.is_file())
            .map(|m| m.len())
            .sum()
    })
}

/// Build the pipeline, process the corpus in `corpus` on `threads` threads and write every
/// output to `output` (created, and removed afterwards): one measured pass.
pub fn measure(
    builder: PipelineBuilder,
    corpus: &Path,
    threads: usize,
    output: &Path,
) -> Result<Pass, String> {
    let t0 = Instant::now();
    let pipeline = builder.build().map_err(|e| e.to_string())?;
    let startup = t0.elapsed();
    let t1 = Instant::now();
    let (user0, sys0) = cpu_times().unwrap_or_default();
    let inputs: Vec<Input> = ingest::walk(&[docs_dir(corpus)], &["txt".to_string()]);
    let mut writer = OutputWriter::create(output)
        .map_err(|e| format!("{}: cannot create: {e}", output.display()))?;
    let mut totals = Totals::default();
    // The writer's CPU time, and its wall time, whose excess is waiting.
    let (mut output_cpu, mut output_wall) = (Duration::ZERO, Duration::ZERO);
    let mut timed = |f: &mut dyn FnMut()| {
        let (wall, cpu) = (Instant::now(), stage_clock());
        f();
        output_cpu += stage_clock() - cpu;
        output_wall += wall.elapsed();
    };
    let mut write_error = None;
    let mut stages = pipeline
        .run_timed(&inputs, threads, |r: Record| {
            timed(&mut || {
                totals.add(&r);
                if write_error.is_none() {
                    write_error = writer.write(&r).err();
                }
            })
        })
        .map_err(|e| e.to_string())?;
    if let Some(e) = write_error {
        return Err(format!("{}: cannot write: {e}", output.display()));
    }
    let mut writer = Some(writer);
    let mut finished = Ok(());
    timed(&mut || {
        if let Some(w) = writer.take() {
            finished = w.finish(&totals);
        }
    });
    finished.map_err(|e| format!("{}: cannot write: {e}", output.display()))?;
    stages.output = output_cpu;
    let seconds = t1.elapsed().as_secs_f64();
    let (user1, sys1) = cpu_times().unwrap_or_default();
    let output_bytes = folder_bytes(output);
    let _ = fs::remove_dir_all(output);
    Ok(Pass {
        threads,
        documents: inputs.len() as u64,
        bytes: totals.bytes,
        startup_seconds: startup.as_secs_f64(),
        seconds,
        cpu_seconds: (user1 - user0) + (sys1 - sys0),
        sys_seconds: sys1 - sys0,
        output_bytes,
        peak_rss_kib: peak_rss_kib().unwrap_or(0),
        stages: stages
            .stages()
            .iter()
            .map(|(n, d)| (n.to_string(), d.as_secs_f64()))
            .collect(),
        waits: vec![
            ("read".to_string(), stages.ingest_wait.as_secs_f64()),
            (
                "write".to_string(),
                output_wall.saturating_sub(output_cpu).as_secs_f64(),
            ),
        ],
    })
}

/// The median of `v` (the upper one for an even count); 0 for none.
pub fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The report table: one row per thread count, medians over its passes.
pub fn report(passes: &[Pass], out: &mut impl Write) -> io::Result<()> {
    let mut threads: Vec<usize> = passes.iter().map(|p| p.threads).collect();
    threads.sort();
    threads.dedup();
    let Some(first) = passes.first() else {
        return Ok(());
    };
    let names: Vec<&str> = first.stages.iter().map(|(n, _)| n.as_str()).collect();
    write!(
        out,
        "{:>7} {:>4} {:>8} {:>8} {:>7} {:>7} {:>7} {:>7} {:>9} {:>10}",
        "threads",
        "runs",
        "MB/s",
        "docs/s",
        "wall s",
        "cpu s",
        "sys s",
        "out/in",
        "RSS MiB",
        "startup ms"
    )?;
    for n in &names {
        write!(out, " {n:>7}")?;
    }
    let waits: Vec<&str> = first.waits.iter().map(|(n, _)| n.as_str()).collect();
    for n in &waits {
        write!(out, " {:>12}", format!("{n} wait s"))?;
    }
    writeln!(out)?;
    for t in threads {
        let ps: Vec<&Pass> = passes.iter().filter(|p| p.threads == t).collect();
        let m = |f: &dyn Fn(&Pass) -> f64| median(ps.iter().map(|p| f(p)).collect());
        write!(
            out,
            "{:>7} {:>4} {:>8.1} {:>8.0} {:>7.2} {:>7.2} {:>7.2} {:>7.1} {:>9.1} {:>10.1}",
            t,
            ps.len(),
            m(&|p| p.mb_per_s()),
            m(&|p| p.docs_per_s()),
            m(&|p| p.seconds),
            m(&|p| p.cpu_seconds),
            m(&|p| p.sys_seconds),
            m(&|p| p.output_bytes as f64 / p.bytes.max(1) as f64),
            m(&|p| p.peak_rss_kib as f64 / 1024.0),
            m(&|p| p.startup_seconds * 1e3),
        )?;
        for (i, _) in names.iter().enumerate() {
            let share = m(&|p| {
                let total: f64 = p.stages.iter().map(|(_, s)| s).sum();
                p.stages.get(i).map_or(0.0, |(_, s)| s / total.max(1e-12))
            });
            write!(out, " {:>6.1}%", share * 100.0)?;
        }
        for (i, _) in waits.iter().enumerate() {
            let wait = m(&|p| p.waits.get(i).map_or(0.0, |(_, s)| *s));
            write!(out, " {wait:>12.2}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10M"), Ok(10_000_000));
        assert_eq!(parse_size("1G"), Ok(1_000_000_000));
        assert_eq!(parse_size("512"), Ok(512));
        assert!(parse_size("M").is_err());
        assert!(parse_size("0M").is_err());
        for (bytes, label) in [
            (10_000_000, "10M"),
            (1_000_000_000, "1G"),
            (2_500_000, "2500K"),
        ] {
            assert_eq!(size_label(bytes), label);
            assert_eq!(parse_size(label), Ok(bytes));
        }
        assert_eq!(size_label(1234), "1234");
    }

    #[test]
    fn report_shows_medians_system_time_and_output_ratio() {
        let pass = |seconds: f64, sys_seconds: f64| Pass {
            threads: 2,
            documents: 100,
            bytes: 4_000_000,
            startup_seconds: 0.03,
            seconds,
            cpu_seconds: 2.0 * seconds,
            sys_seconds,
            output_bytes: 50_000_000,
            peak_rss_kib: 90 * 1024,
            stages: vec![("dates".into(), 1.0), ("events".into(), 3.0)],
            waits: vec![("write".into(), 0.5)],
        };
        let passes = [pass(2.0, 0.4), pass(1.0, 0.1), pass(4.0, 0.2)];
        let mut out = Vec::new();
        report(&passes, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let [head, row] = out.lines().collect::<Vec<_>>()[..] else {
            panic!("one header and one row: {out}")
        };
        let cells = |l: &str| l.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        let cell = |name: &str| {
            // Header names of two words, made one.
            let mut head = head.to_string();
            for (two, one) in [
                ("wall s", "wall"),
                ("cpu s", "cpu"),
                ("sys s", "sys"),
                ("RSS MiB", "RSS"),
                ("startup ms", "startup"),
                (" wait s", "_wait"),
            ] {
                head = head.replace(two, one);
            }
            let names = cells(&head);
            let at = names.iter().position(|n| n == name).expect(name);
            cells(row)[at].clone()
        };
        // Medians of 3: 2.0 s wall (2.0 MB/s), 0.2 s system; 50 MB out of 4 MB in.
        assert_eq!(cell("MB/s"), "2.0");
        assert_eq!(cell("sys"), "0.20");
        assert_eq!(cell("out/in"), "12.5");
        assert_eq!(cell("events"), "75.0%");
        assert_eq!(cell("write_wait"), "0.50");
    }

    #[test]
    fn numbers_become_slots() {
        let mut t = Vec::new();
        text_pieces("In 2024, 14 agents seized 1200 kg", &mut t);
        let shapes: Vec<String> = t
            .iter()
            .map(|p| match p {
                Piece::Text(s) => s.clone(),
                Piece::Year => "<year>".into(),
                Piece::Small => "<small>".into(),
                Piece::Digits(n) => format!("<{n}>"),
                Piece::Entity(_) => "<entity>".into(),
            })
            .collect();
        assert_eq!(
            shapes.concat(),
            "In <year>, <small> agents seized <4> kg".to_string()
        );
    }

    #[test]
    fn documents_are_deterministic_and_sized() {
        let pipeline = PipelineBuilder::new().build().expect("pipeline");
        let src = Source::new(&pipeline);
        for (l, pool) in &src.pools {
            assert!(!pool.body.is_empty(), "{l} has body paragraphs");
        }
        for i in 0..200 {
            let (lang, a) = src.document(i);
            let (_, b) = src.document(i);
            assert_eq!(a, b);
            assert!(LANGS.iter().any(|(l, _)| *l == lang));
            assert!(a.len() <= 8_192, "document {i}: {} bytes", a.len());
            assert!(a.len() >= 1_500, "document {i}: {} bytes", a.len());
        }
    }
}
