//! kh's cache, as ruff keeps one: the plans parsed from each file, keyed by
//! the SHA-256 of the file's bytes and by the build of kh that parsed them,
//! under `.kh-cache/` at the repository's root. A warm `kh check` takes the
//! plans of the unchanged files from here, and parses only the files that
//! changed; the checks across plans run as always.
//!
//! What is cached is the pure result of parsing one file: a plan file that
//! parsed without a finding of its own. A file with findings is parsed at
//! every run (its findings are placed by reading it again anyway). What the
//! checks find of a plan against its parents, and of a report, is kept
//! apart, with what it depends on (`crate::verdicts`, in `verdicts.bin`).
//!
//! Beside the plans, an index by git blob id (`blobs.bin`): for each plan
//! file kh read whose bytes hash to the blob id git's index gives its path,
//! the SHA-256 of those bytes and the plan's outline (its id and parents,
//! or the id a broken file claims). A file git says is as staged is then
//! known without being read: a warm run takes its plan from the cache, and
//! `kh check --changed` takes its outline, decoding only the plans a
//! change touches. The blob id is computed by kh from the bytes it read
//! (SHA-1 with collision detection, as git's), never taken from git alone.
//!
//! Nothing in the cache is trusted:
//! - each shard file says which kh build and which repository (its resolved
//!   root) wrote it, and a digest of its whole content: one from another
//!   version or repository, truncated or changed is ignored, and written
//!   anew;
//! - each entry is found by the hash of the bytes just read, never by name;
//! - reads go through `fs_guard` (inside the root, no link out, no FIFO,
//!   bounded); a `.kh-cache` that is a link or not a directory turns the
//!   cache off;
//! - a cache committed to git (a pull request can plant any file, digests
//!   included) is never read: files under `.kh-cache/` that git tracks turn
//!   the cache off for the run;
//! - writes are whole files moved into place (`crate::write`), from
//!   temporary files with random names.

use crate::domain::Plan;
use crate::fs_guard::{self, Jail};
use crate::git::Oid;
use crate::repo::Source;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// The folder, at the repository's root.
pub const DIR: &str = ".kh-cache";
/// Each cache file starts with this: the format and its version.
const MAGIC: &[u8; 8] = b"KHCACHE\x02";
/// Entries are spread over this many files by the first byte of their hash,
/// so that one changed plan rewrites a 256th of the cache, and a run that
/// needs a few plans (`--changed`) reads a few small files.
const SHARDS: usize = 256;
/// The blob index's number in its header, beside the shards' 0..SHARDS.
const BLOBS: u32 = u32::MAX;
/// A shard read stops here: a national repository's are a few MB each.
pub const MAX_SHARD_BYTES: u64 = 512 * 1024 * 1024;

/// The SHA-256 of a file's bytes.
pub type Hash = [u8; 32];

pub fn hash(bytes: &[u8]) -> Hash {
    Sha256::digest(bytes).into()
}

/// The git blob id of these bytes, as `git hash-object` computes it; `None`
/// when the SHA-1 collision detection sees an attack (such bytes are never
/// known by blob id).
pub fn blob_id(bytes: &[u8]) -> Option<Oid> {
    let mut h = sha1_checked::Sha1::new();
    h.update(format!("blob {}\0", bytes.len()).as_bytes());
    h.update(bytes);
    let out = h.try_finalize();
    (!out.has_collision()).then(|| (*out.hash()).into())
}

/// The build of kh, as the cache knows it: its version and a hash of the
/// source it was built from (`build.rs`). `KH_CACHE_VERSION` stands for it in
/// tests, to play a kh of another version.
pub fn version() -> String {
    std::env::var("KH_CACHE_VERSION")
        .unwrap_or_else(|_| format!("{}+{}", env!("CARGO_PKG_VERSION"), env!("KH_BUILD_ID")))
}

#[derive(serde::Serialize, serde::Deserialize, PartialEq)]
struct Header {
    version: String,
    /// The SHA-256 of the repository's resolved root.
    identity: Hash,
    shard: u32,
    entries: u64,
}

/// What the checks across plans need of a plan file, without its plan.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Outline {
    /// A plan: its id and parents; `clean` when it parsed without a finding
    /// of its own, and so is in the cache.
    Plan {
        id: String,
        parents: Vec<String>,
        clean: bool,
    },
    /// A file that could not be read as a plan, and the id its `id:` line
    /// claims.
    Broken { claimed: Option<String> },
}

/// A plan file known by its blob id: the SHA-256 of its bytes (where its
/// plan is cached, when clean) and its outline.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Known {
    pub hash: Hash,
    pub outline: Outline,
}

/// One shard file as read: its bytes, and where each entry's plan is in them.
#[derive(Default)]
struct Shard {
    bytes: Vec<u8>,
    index: Arc<HashMap<Hash, (usize, usize)>>,
    /// Read whole and valid.
    valid: bool,
    /// Its bytes were let go (`Cache::expect`): its index is still that
    /// of the file, whose bytes are read again if asked for.
    released: bool,
}

/// A shard: unread, or as read (and perhaps released since), and how many
/// of its plans the load still expects to take (`Cache::expect`).
#[derive(Default)]
struct Slot {
    shard: Mutex<Option<Arc<Shard>>>,
    expected: AtomicUsize,
}

/// What one file of a load gives the cache: its plan (by hash; encoded when
/// parsed now, `None` when it came from the cache), and what its blob id
/// stands for (`None`: what the cache says already).
#[derive(Default)]
pub struct Live {
    pub plan: Option<(Hash, Option<Vec<u8>>)>,
    pub blob: Option<(Oid, Option<Known>)>,
}

/// An entry to write: its hash, and its plan encoded now (`None`: the one
/// already in the shard).
type Entry = (Hash, Option<Vec<u8>>);

pub struct Cache {
    dir: PathBuf,
    jail: Jail,
    version: String,
    identity: Hash,
    /// Each read when first asked for: a run that needs a few plans reads
    /// a few shards.
    shards: Vec<Slot>,
    /// Which shard files are there at all, from one listing of the folder.
    present: Vec<bool>,
    blobs: HashMap<Oid, Known, crate::git::Fast>,
}

impl Cache {
    /// The cache of the repository `source` reads, when it may have one: a
    /// repository (not files read alone), whose `.kh-cache` is absent or a
    /// real directory, and not tracked by git (`tracked`: whether it is,
    /// when git's index was read already).
    pub fn open(source: &Source, tracked: Option<bool>) -> Option<Cache> {
        let root = source.root.as_ref()?;
        if source.alone.first() != Some(&false) {
            return None;
        }
        let jail = source.jails.first()?.clone();
        let dir = clean_join(root, DIR);
        match std::fs::symlink_metadata(&dir) {
            // Only a cache that is there can have been planted.
            Ok(m) if m.file_type().is_dir() => {
                if tracked.unwrap_or_else(|| crate::git::tracks_any(root, DIR)) {
                    return None;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            _ => return None,
        }
        // Plans are parsed with the run's school calendar (kh.yaml's
        // `school_year:`): a cache made under other bounds is another build's.
        let version = format!(
            "{} {:?}",
            version(),
            crate::domain::school_year::SchoolCalendar::current()
        );
        let identity = hash(jail.real.as_os_str().as_encoded_bytes());
        let mut cache = Cache {
            dir,
            jail,
            version,
            identity,
            shards: (0..SHARDS).map(|_| Slot::default()).collect(),
            present: vec![false; SHARDS],
            blobs: HashMap::default(),
        };
        cache.present = (0..SHARDS)
            .map(|n| std::fs::symlink_metadata(cache.shard_path(n)).is_ok_and(|m| m.is_file()))
            .collect();
        cache.blobs = cache.read_blobs().unwrap_or_default();
        Some(cache)
    }

    fn shard_path(&self, n: usize) -> PathBuf {
        self.dir.join(format!("plans-{n:02x}.bin"))
    }

    fn blobs_path(&self) -> PathBuf {
        self.dir.join("blobs.bin")
    }

    fn header(&self, n: u32, entries: usize) -> Header {
        Header {
            version: self.version.clone(),
            identity: self.identity,
            shard: n,
            entries: entries as u64,
        }
    }

    /// The body of a cache file whose digest, build and repository are
    /// right, after its header: `None` when absent, unreadable, damaged,
    /// or another build's or repository's.
    fn read_body(&self, path: &Path, n: u32) -> Option<(Vec<u8>, usize, u64)> {
        std::fs::symlink_metadata(path).ok()?;
        let bytes = fs_guard::read(&self.jail, path, MAX_SHARD_BYTES).ok()?;
        let rest = bytes.strip_prefix(MAGIC)?;
        let (digest, body) = rest.split_first_chunk::<32>()?;
        if hash(body) != *digest {
            return None;
        }
        let (header, entries) = postcard::take_from_bytes::<Header>(body).ok()?;
        if header.version != self.version || header.identity != self.identity || header.shard != n {
            return None;
        }
        let at = bytes.len() - entries.len();
        Some((bytes, at, header.entries))
    }

    /// A shard file, or an empty shard when it cannot be used.
    fn read_shard(&self, n: usize) -> Shard {
        self.read_body(&self.shard_path(n), n as u32)
            .and_then(|(bytes, at, count)| parse_shard(n, bytes, at, count))
            .unwrap_or_default()
    }

    /// Shard `n` with its bytes: read when first asked for, and again
    /// when asked for after its bytes were let go.
    fn shard(&self, n: usize) -> Arc<Shard> {
        // A poisoned lock only means another thread panicked while reading
        // the file; reading it again is always right.
        let mut slot = self.shards[n]
            .shard
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        match slot.as_ref() {
            Some(shard) if !shard.released => shard.clone(),
            _ => {
                let shard = Arc::new(self.read_shard(n));
                *slot = Some(shard.clone());
                shard
            }
        }
    }

    /// Shard `n` as this run read it, its bytes perhaps let go since.
    fn as_read(&self, n: usize) -> Option<Arc<Shard>> {
        self.shards[n]
            .shard
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The load will `take` the plan of these bytes, once for each call
    /// here: the bytes of a shard are let go once its last expected plan
    /// is taken, so that a load that takes the plans shard by shard holds
    /// a few shards at a time, not the whole cache (hundreds of MB
    /// nationally).
    pub fn expect(&self, h: &Hash) {
        self.shards[self.shard_of(h)]
            .expected
            .fetch_add(1, Ordering::Relaxed);
    }

    /// The shard that holds the plan of these bytes, if cached.
    pub fn shard_of(&self, h: &Hash) -> usize {
        h[0] as usize % SHARDS
    }

    /// `get`, for a plan announced by `expect`.
    pub fn take(&self, h: &Hash) -> Option<Plan> {
        let plan = self.get(h);
        let n = self.shard_of(h);
        let expected = &self.shards[n].expected;
        // Only the call that brings the count to zero lets go; a call not
        // announced leaves the count at zero.
        if expected.fetch_update(Ordering::AcqRel, Ordering::Acquire, |e| e.checked_sub(1)) == Ok(1)
        {
            self.release(n);
        }
        plan
    }

    /// Lets go of shard `n`'s bytes, keeping what `save` needs of it.
    fn release(&self, n: usize) {
        let mut slot = self.shards[n]
            .shard
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(shard) = slot.as_mut() {
            *shard = Arc::new(Shard {
                bytes: Vec::new(),
                index: shard.index.clone(),
                valid: shard.valid,
                released: true,
            });
        }
    }

    fn read_blobs(&self) -> Option<HashMap<Oid, Known, crate::git::Fast>> {
        let (bytes, at, count) = self.read_body(&self.blobs_path(), BLOBS)?;
        // Written as a list of pairs, which postcard encodes as a map: read
        // straight into one.
        let map: HashMap<Oid, Known, crate::git::Fast> = postcard::from_bytes(&bytes[at..]).ok()?;
        (map.len() as u64 == count).then_some(map)
    }

    /// What a blob id stands for, if kh has read bytes of that id.
    pub fn known(&self, oid: &Oid) -> Option<&Known> {
        self.blobs.get(oid)
    }

    /// Whether the shard file that would hold the plan of these bytes is
    /// there (read or not): a plan whose shard is gone is parsed again and
    /// kept again, rather than deferred.
    pub fn may_hold(&self, h: &Hash) -> bool {
        self.present[h[0] as usize % SHARDS]
    }

    /// The plan cached for these bytes, if any reads back whole.
    pub fn get(&self, h: &Hash) -> Option<Plan> {
        let n = self.shard_of(h);
        // A shard whose bytes were let go still knows what it holds: a plan
        // it never held (a file with findings is never kept) costs no read.
        if self
            .as_read(n)
            .is_some_and(|s| s.released && !s.index.contains_key(h))
        {
            return None;
        }
        let shard = self.shard(n);
        let &(at, len) = shard.index.get(h)?;
        let (plan, rest) = postcard::take_from_bytes::<Plan>(&shard.bytes[at..at + len]).ok()?;
        rest.is_empty().then_some(plan)
    }

    /// Keeps exactly the entries of this load: the shards that gained,
    /// lost or could not read one are written again, the others are left
    /// as they are (a shard this run never read, and to which it adds
    /// nothing, included); the blob index is written again when it
    /// changed. A cache that cannot be written costs speed, never an
    /// answer, and is not reported.
    pub fn save(&self, live: Vec<Live>) {
        let mut by_shard: Vec<Vec<Entry>> = vec![Vec::new(); SHARDS];
        let mut blobs: Vec<(Oid, Option<Known>)> = Vec::new();
        for l in live {
            if let Some((h, blob)) = l.plan {
                by_shard[h[0] as usize % SHARDS].push((h, blob));
            }
            blobs.extend(l.blob);
        }
        let dirty: Vec<(usize, Vec<Entry>)> = by_shard
            .into_iter()
            .enumerate()
            .filter_map(|(n, mut entries)| {
                let new = entries.iter().any(|e| e.1.is_some());
                // As read so far (its index kept when its bytes were let go).
                let shard = match self.as_read(n) {
                    Some(shard) => shard,
                    None if new => self.shard(n),
                    None => return None,
                };
                entries.sort_unstable_by_key(|e| e.0);
                entries.dedup_by(|a, b| a.0 == b.0);
                let same = shard.valid
                    && entries.len() == shard.index.len()
                    && entries
                        .iter()
                        .all(|(h, b)| b.is_none() && shard.index.contains_key(h));
                // No entry, and no file to empty: nothing to write.
                let absent =
                    entries.is_empty() && std::fs::symlink_metadata(self.shard_path(n)).is_err();
                (!same && !absent).then_some((n, entries))
            })
            .collect();
        blobs.sort_unstable_by_key(|a| a.0);
        blobs.dedup_by(|a, b| a.0 == b.0);
        let blobs_same = blobs.len() == self.blobs.len()
            && blobs
                .iter()
                .all(|(o, k)| k.is_none() && self.blobs.contains_key(o));
        if (dirty.is_empty() && blobs_same) || !self.make_dir() {
            return;
        }
        if !blobs_same {
            let list: Vec<(&Oid, &Known)> = blobs
                .iter()
                .filter_map(|(o, k)| Some((o, k.as_ref().or_else(|| self.blobs.get(o))?)))
                .collect();
            if let Ok(body) = postcard::to_allocvec(&self.header(BLOBS, list.len()))
                .and_then(|header| postcard::to_extend(&list, header))
            {
                self.write_file(&self.blobs_path(), body);
            }
        }
        dirty.into_par_iter().for_each(|(n, entries)| {
            // The entries kept as they are, from the shard's bytes (read
            // again if they were let go).
            let shard = entries.iter().any(|e| e.1.is_none()).then(|| self.shard(n));
            let mut body =
                postcard::to_allocvec(&self.header(n as u32, entries.len())).unwrap_or_default();
            for (h, blob) in &entries {
                let blob: &[u8] = match blob {
                    Some(b) => b,
                    None => match shard.as_ref().and_then(|s| Some((s, *s.index.get(h)?))) {
                        Some((s, (at, len))) => &s.bytes[at..at + len],
                        None => continue,
                    },
                };
                body.extend_from_slice(h);
                body.extend_from_slice(&(blob.len() as u32).to_le_bytes());
                body.extend_from_slice(blob);
            }
            self.write_file(&self.shard_path(n), body);
        });
    }

    /// The build (and school calendar) this cache is of: what any entry
    /// kept in it was made by.
    pub fn build(&self) -> &str {
        &self.version
    }

    /// The body of the cache file `name` (numbered `n` in its header), as
    /// written by `write_named`: `None` when absent, damaged, or another
    /// build's or repository's.
    pub fn read_named(&self, name: &str, n: u32) -> Option<Vec<u8>> {
        let (bytes, at, _) = self.read_body(&self.dir.join(name), n)?;
        Some(bytes[at..].to_vec())
    }

    /// Writes the cache file `name` whole, under a header of this build
    /// and repository; a file that cannot be written costs speed only.
    pub fn write_named(&self, name: &str, n: u32, entries: usize, content: &[u8]) {
        if !self.make_dir() {
            return;
        }
        let Ok(mut body) = postcard::to_allocvec(&self.header(n, entries)) else {
            return;
        };
        body.extend_from_slice(content);
        self.write_file(&self.dir.join(name), body);
    }

    /// A cache file: magic, the digest of its body, its body.
    fn write_file(&self, path: &Path, body: Vec<u8>) {
        let mut file = Vec::with_capacity(body.len() + 40);
        file.extend_from_slice(MAGIC);
        file.extend_from_slice(&hash(&body));
        file.extend_from_slice(&body);
        let _ = crate::write::replace_unsynced(path, &file);
    }

    /// The folder, made if absent (never through a link), with a
    /// `.gitignore` of its own, as ruff's: the cache is never committed by
    /// accident, even in a repository whose `.gitignore` predates it.
    fn make_dir(&self) -> bool {
        match std::fs::symlink_metadata(&self.dir) {
            Ok(m) => return m.file_type().is_dir(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) => return false,
        }
        if std::fs::create_dir(&self.dir).is_err() {
            return false;
        }
        let _ = crate::write::replace_unsynced(
            &self.dir.join(".gitignore"),
            b"# Written by kh: its cache is never committed.\n*\n",
        );
        let _ = crate::write::replace_unsynced(
            &self.dir.join("CACHEDIR.TAG"),
            b"Signature: 8a477f597d28d172789f06886806bc55\n# The cache of kh (https://github.com/kh-plans/kh): safe to delete.\n",
        );
        true
    }
}

/// The entries of a shard's body (from `at`), each under its hash.
fn parse_shard(n: usize, bytes: Vec<u8>, at: usize, count: u64) -> Option<Shard> {
    let mut entries = &bytes[at..];
    if count > (entries.len() / 36) as u64 {
        return None;
    }
    let mut index = HashMap::with_capacity(count as usize);
    let mut at = at;
    for _ in 0..count {
        let (h, rest) = entries.split_first_chunk::<32>()?;
        let (len, rest) = rest.split_first_chunk::<4>()?;
        let len = u32::from_le_bytes(*len) as usize;
        if rest.len() < len || h[0] as usize % SHARDS != n {
            return None;
        }
        index.insert(*h, (at + 36, len));
        at += 36 + len;
        entries = &rest[len..];
    }
    if !entries.is_empty() {
        return None;
    }
    Some(Shard {
        bytes,
        index: Arc::new(index),
        valid: true,
        released: false,
    })
}

/// The encoded form of a plan, to keep.
pub fn encode(plan: &Plan) -> Option<Vec<u8>> {
    postcard::to_allocvec(plan).ok()
}

fn clean_join(root: &Path, rel: &str) -> PathBuf {
    if root == Path::new(".") {
        PathBuf::from(rel)
    } else {
        root.join(rel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every plan of the examples reads back from its encoded form as it
    /// was parsed, to the last field.
    #[test]
    fn plans_read_back_exactly() {
        let mut seen = 0;
        let mut stack = vec![PathBuf::from("examples"), PathBuf::from("plans")];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                if p.extension().is_none_or(|x| x != "yaml")
                    || p.file_name().is_some_and(|n| n == "indicators.yaml")
                {
                    continue;
                }
                let src = std::fs::read_to_string(&p).unwrap_or_default();
                if let (Some(plan), _) = crate::load::plan(0, &src) {
                    let bytes = encode(&plan).expect("encodes");
                    let (back, rest) = postcard::take_from_bytes::<Plan>(&bytes).expect("decodes");
                    assert!(rest.is_empty());
                    assert_eq!(format!("{back:?}"), format!("{plan:?}"), "{}", p.display());
                    seen += 1;
                }
            }
        }
        assert!(seen > 20, "only {seen} plans read");
    }

    /// Once a load has taken every plan it announced of a shard, the
    /// shard's bytes are let go; a plan asked for afterwards is read again
    /// from the file, and a shard written again after its bytes were let go
    /// keeps the entries it had.
    #[test]
    fn a_shard_taken_whole_lets_go_of_its_bytes_and_still_answers() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("plans")).expect("plans/");
        std::fs::write(dir.path().join("kh.yaml"), "").expect("kh.yaml");
        let src = std::fs::read_to_string("plans/national/qd-131-2022.yaml").expect("a seed plan");
        let plan = crate::load::plan(0, &src).0.expect("parses");
        let source = crate::repo::locate(&[dir.path().to_path_buf()]).expect("source");
        let open = || Cache::open(&source, Some(false)).expect("a cache");
        // Two entries of one shard, and one of another.
        let in_shard = |first: u8, second: u8| {
            let mut h = [first; 32];
            h[1] = second;
            h
        };
        let (a, b, c) = (in_shard(7, 0), in_shard(7, 1), in_shard(9, 0));
        let live = |h: Hash, fresh: bool| Live {
            plan: Some((h, fresh.then(|| encode(&plan).expect("encodes")))),
            blob: None,
        };
        open().save(vec![live(a, true), live(b, true), live(c, true)]);

        let cache = open();
        let n = cache.shard_of(&a);
        cache.expect(&a);
        cache.expect(&b);
        assert!(cache.take(&a).is_some());
        assert!(
            !cache.as_read(n).expect("read").released,
            "one plan left to take"
        );
        assert!(cache.take(&b).is_some());
        let released = cache.as_read(n).expect("read");
        assert!(released.released && released.bytes.is_empty());
        assert_eq!(released.index.len(), 2, "its index is kept for save");
        // Not announced: never lets go, and answers.
        assert!(cache.take(&c).is_some());
        assert!(!cache.as_read(cache.shard_of(&c)).expect("read").released);
        // Not held: answered from the index kept, without reading the file.
        assert!(cache.get(&in_shard(7, 9)).is_none());
        assert!(cache.as_read(n).expect("read").released);
        // Asked for again: read again from the file.
        let again = cache.get(&a).expect("read again");
        assert_eq!(format!("{again:?}"), format!("{plan:?}"));
        // A new entry in the released shard: the file is written again with
        // the two entries it had, taken from its bytes read again.
        let cache = open();
        cache.expect(&a);
        cache.expect(&b);
        assert!(cache.take(&a).is_some() && cache.take(&b).is_some());
        let d = in_shard(7, 2);
        cache.save(vec![
            live(a, false),
            live(b, false),
            live(c, false),
            live(d, true),
        ]);
        let cache = open();
        for h in [a, b, c, d] {
            assert!(cache.get(&h).is_some(), "{h:?}");
        }
        assert_eq!(cache.shard(n).index.len(), 3);
    }

    /// A deadline nested deeper than any phrase can write is refused, not
    /// followed until the stack runs out.
    #[test]
    fn deeply_nested_deadlines_are_refused() {
        use crate::domain::Deadline;
        let mut d = Deadline::Year(2026);
        for _ in 0..40 {
            d = Deadline::Start(Some(Box::new(d)));
        }
        let bytes = postcard::to_allocvec(&d).expect("encodes");
        assert!(postcard::from_bytes::<Deadline>(&bytes).is_err());
        // A million levels, as a forged file could claim: refused too.
        let mut forged = Vec::new();
        let start = postcard::to_allocvec(&Deadline::Start(None)).expect("encodes")[0];
        for _ in 0..1_000_000 {
            forged.extend_from_slice(&[start, 1]);
        }
        assert!(postcard::from_bytes::<Deadline>(&forged).is_err());
        let mut ok = Deadline::Year(2026);
        for _ in 0..3 {
            ok = Deadline::Start(Some(Box::new(ok)));
        }
        let bytes = postcard::to_allocvec(&ok).expect("encodes");
        assert_eq!(postcard::from_bytes::<Deadline>(&bytes).ok(), Some(ok));
    }
}
