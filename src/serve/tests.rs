//! Tests of the dev server over real sockets, with a tiny blocking HTTP client.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use super::*;
use crate::diag::SourceText;
use crate::output::OutputFile;

/// The longest any read waits; a passing test never reaches it.
const TIMEOUT: Duration = Duration::from_secs(5);

struct Fixture {
    dir: tempfile::TempDir,
    server: Server,
}

impl Fixture {
    /// A site built by `output::write` (the real full-build writer) and a server on port 0.
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        crate::output::write(&out, site("first")).unwrap();
        let mut opts = ServeOptions::new(&out);
        opts.port = 0;
        let server = start(opts).unwrap();
        Fixture { dir, server }
    }

    fn out(&self) -> std::path::PathBuf {
        self.dir.path().join("public")
    }

    fn get(&self, path: &str) -> Reply {
        request(self.server.addr(), "GET", path)
    }
}

fn site(version: &str) -> Vec<OutputFile> {
    let page = |title: &str| {
        OutputFile {
        path: String::new(),
        bytes: format!(
            "<!DOCTYPE html>\n<html><head><title>{title}</title></head>\n<body>\n<h1>{title} ({version})</h1>\n</BODY>\n</html>\n"
        )
        .into_bytes(),
    }
    };
    vec![
        OutputFile { path: "index.html".into(), ..page("Home") },
        OutputFile { path: "articles/bp/index.html".into(), ..page("Blood pressure") },
        OutputFile { path: "404.html".into(), ..page("Page not found") },
        OutputFile { path: "style.css".into(), bytes: b"body{color:#111}".to_vec() },
    ]
}

/// The build number a page was served with.
fn build(r: &Reply) -> u64 {
    let at = r.body.find("data-build=\"").expect("a build number") + "data-build=\"".len();
    r.body[at..].split('"').next().unwrap().parse().unwrap()
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Sends one request with `Connection: close` and reads the whole reply.
fn request(addr: SocketAddr, method: &str, path: &str) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(TIMEOUT)).unwrap();
    write!(s, "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete head");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = dechunk(&body);
    }
    let reply = Reply { status, headers, body: String::from_utf8_lossy(&body).into_owned() };
    if method == "GET" {
        if let Some(len) = reply.header("content-length") {
            assert_eq!(len.parse::<usize>().unwrap(), body.len(), "Content-Length of {path}");
        }
    }
    reply
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = raw.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&raw[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[end + 2..end + 2 + size]);
        raw = &raw[end + 4 + size..];
    }
}

/// An open event stream.
struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    fn open(addr: SocketAddr) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
        write!(
            stream,
            "GET {EVENTS_PATH} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut events = Events { stream, seen: String::new() };
        // Once the greeting is in, the stream is subscribed: nothing sent later is missed.
        events.wait_for("event: hello");
        events
    }

    /// Reads until `needle` shows up, for at most [`TIMEOUT`]; returns what came after it.
    fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(at) = self.seen.find(needle) {
                let rest = self.seen[at + needle.len()..].to_string();
                self.seen.drain(..at + needle.len());
                return rest;
            }
            assert!(Instant::now() < deadline, "no `{needle}` in the stream: {:?}", self.seen);
            let mut buf = [0; 4096];
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("the stream ended before `{needle}`: {:?}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => panic!("reading the stream: {e}"),
            }
        }
    }
}

#[test]
fn serves_pages_with_the_script_injected() {
    let f = Fixture::new();
    let r = f.get("/articles/bp/");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Blood pressure (first)"), "{}", r.body);
    let tag = format!("<script src=\"{SCRIPT_PATH}\" data-build=\"");
    let at = r.body.find(&tag).expect("the script tag");
    assert!(r.body[at..].starts_with(&format!("{tag}{}\" defer></script>\n</BODY>", build(&r))));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert_eq!(r.header("etag"), None);
    assert_eq!(r.header("last-modified"), None);
    // The file on disk is untouched.
    let disk = std::fs::read_to_string(f.out().join("articles/bp/index.html")).unwrap();
    assert!(!disk.contains("script"));
    // A folder without its slash is redirected; HEAD has GET's length.
    let r = f.get("/articles/bp");
    assert!(matches!(r.status, 301 | 307 | 308), "{r:?}");
    assert_eq!(r.header("location"), Some("/articles/bp/"));
    let get = f.get("/");
    let head = request(f.server.addr(), "HEAD", "/");
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-length").unwrap(), get.body.len().to_string());
    // Other files are served as they are, revalidated on every use.
    let css = f.get("/style.css");
    assert_eq!(css.body, "body{color:#111}");
    assert_eq!(css.header("cache-control"), Some("no-store"));
    assert_eq!(css.header("last-modified"), None);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    // The script itself.
    let js = f.get(SCRIPT_PATH);
    assert_eq!(js.status, 200);
    assert!(js.body.contains("EventSource"));
}

#[test]
fn missing_pages_get_the_site_404_page() {
    let f = Fixture::new();
    let r = f.get("/articles/nope/");
    assert_eq!(r.status, 404);
    assert!(r.body.contains("Page not found"), "{}", r.body);
    assert!(r.body.contains("data-status=\"404\""), "{}", r.body);
    // Without a 404.html there is still a page, with the script.
    std::fs::remove_file(f.out().join("404.html")).unwrap();
    let r = f.get("/nope.html");
    assert_eq!(r.status, 404);
    assert!(r.body.contains("Not found") && r.body.contains(SCRIPT_PATH), "{}", r.body);
}

#[test]
fn nothing_outside_the_output_folder_is_served() {
    let f = Fixture::new();
    std::fs::write(f.dir.path().join("secret.txt"), "secret").unwrap();
    std::fs::create_dir(f.dir.path().join("private")).unwrap();
    std::fs::write(f.dir.path().join("private/notes.html"), "<p>secret</p>").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(f.dir.path().join("secret.txt"), f.out().join("leak.txt")).unwrap();
        symlink(f.dir.path().join("private"), f.out().join("linked")).unwrap();
        symlink("/etc", f.out().join("etc")).unwrap();
        // A link that stays inside is fine.
        symlink(f.out().join("style.css"), f.out().join("alias.css")).unwrap();
        assert_eq!(f.get("/alias.css").status, 200);
    }
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%5csecret.txt",
        "/articles/../../secret.txt",
        "//etc/passwd",
        "/etc/passwd",
        &format!("/{}", f.dir.path().join("secret.txt").display()),
        &format!("/{}", f.dir.path().join("secret.txt").display().to_string().replace('/', "%2f")),
        "/leak.txt",
        "/linked/notes.html",
        "/linked/",
        "/etc/hostname",
        "/%2e%2e/",
    ] {
        let r = f.get(path);
        assert_eq!(r.status, 404, "{path}: {r:?}");
        assert!(!r.body.contains("secret"), "{path}: {}", r.body);
        assert!(!r.body.contains("root:"), "{path}: {}", r.body);
    }
}

#[test]
fn events_follow_notify_and_set_errors() {
    let f = Fixture::new();
    let mut events = Events::open(f.server.addr());
    f.server.notify(&["articles/bp/index.html".to_string(), "style.css".to_string()]);
    let data = events.wait_for("event: change\ndata: ");
    assert!(data.starts_with(r#"["articles/bp/index.html","style.css"]"#), "{data}");
    // Nothing changed: no event.
    f.server.notify(&[]);
    let file = SourceText::new("content/articles/bp.md", "---\ntitle: x\n---\n");
    f.server.set_errors(&[Diagnostic::error("a.b", "bad").at(&file, 4..9)]);
    events.wait_for("event: errors");
    f.server.set_errors(&[]);
    events.wait_for("event: errors");
    f.server.notify(&["index.html".to_string()]);
    let data = events.wait_for("event: change\ndata: ");
    assert!(data.starts_with(r#"["index.html"]"#), "only one errors event per change: {data}");
}

#[test]
fn a_page_that_missed_a_change_learns_it_from_the_greeting() {
    let f = Fixture::new();
    let served = build(&f.get("/"));
    let mut events = Events::open(f.server.addr());
    assert_eq!(events.wait_for("data: ").lines().next().unwrap(), served.to_string());
    f.server.notify(&["style.css".to_string()]);
    // A page served before this change, connecting now, sees a newer number.
    let mut late = Events::open(f.server.addr());
    let now: u64 = late.wait_for("data: ").lines().next().unwrap().parse().unwrap();
    assert_eq!(now, served + 1);
    assert_eq!(build(&f.get("/")), now);
    // Errors count as a change too; setting the same ones again does not.
    let file = SourceText::new("content/a.md", "x");
    f.server.set_errors(&[Diagnostic::error("a.b", "bad").in_file(&file)]);
    f.server.set_errors(&[Diagnostic::error("a.b", "bad").in_file(&file)]);
    assert_eq!(build(&f.get("/")), now + 1);
    drop(events);
}

#[test]
fn the_error_panel_comes_and_goes() {
    let f = Fixture::new();
    let file = SourceText::new("content/articles/bp.md", "---\ntitle: x\ncorection: <y>\n---\n");
    let d = Diagnostic::error("yaml.unknown_key", "unknown key `corection` <script>")
        .at(&file, 13..22)
        .with_help("did you mean `corrections`? & more");
    f.server.set_errors(&[d]);
    for (path, status) in [("/articles/bp/", 200), ("/", 200), ("/missing/", 404)] {
        let r = f.get(path);
        assert_eq!(r.status, status, "{path}");
        assert!(r.body.contains("id=\"rounds-errors\""), "{path}: {}", r.body);
        assert!(r.body.contains("content/articles/bp.md:3:1"), "{}", r.body);
        assert!(r.body.contains("yaml.unknown_key"), "{}", r.body);
        assert!(r.body.contains("unknown key `corection` &lt;script&gt;"), "{}", r.body);
        assert!(r.body.contains("did you mean `corrections`? &amp; more"), "{}", r.body);
        let panel = r.body.find("rounds-errors").unwrap();
        assert!(panel < r.body.find("</BODY>").unwrap(), "panel inside the body");
    }
    f.server.set_errors(&[]);
    let r = f.get("/articles/bp/");
    assert!(!r.body.contains("rounds-errors"), "{}", r.body);
    assert!(r.body.contains(SCRIPT_PATH));
}

#[test]
fn a_swapped_output_folder_is_served() {
    let f = Fixture::new();
    assert!(f.get("/").body.contains("Home (first)"));
    #[cfg(unix)]
    let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap());
    #[cfg(unix)]
    let before = inode(&f.out());
    // A full build stages a new folder and renames it over the old one.
    crate::output::write(&f.out(), site("second")).unwrap();
    #[cfg(unix)]
    assert_ne!(before, inode(&f.out()), "the build swapped the folder");
    assert!(f.get("/").body.contains("Home (second)"));
    assert!(f.get("/articles/bp/").body.contains("(second)"));
    // And before the first build there is no folder at all: 404, not a crash.
    std::fs::remove_dir_all(f.out()).unwrap();
    assert_eq!(f.get("/").status, 404);
}

#[test]
fn shutdown_ends_open_streams() {
    let f = Fixture::new();
    let addr = f.server.addr();
    let mut events = Events::open(addr);
    let start = Instant::now();
    f.server.shutdown();
    assert!(start.elapsed() < GRACE, "streams ended at once: {:?}", start.elapsed());
    // The stream is closed (the end of the chunked body, then EOF).
    let mut rest = Vec::new();
    events.stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    let _ = events.stream.read_to_end(&mut rest);
    assert!(TcpStream::connect(addr).is_err());
}

#[test]
fn binding_elsewhere_warns_and_a_taken_port_is_explained() {
    let mut opts = ServeOptions::new("public");
    assert_eq!(opts.exposure_warning(), None);
    opts.bind = "0.0.0.0".parse().unwrap();
    assert!(opts.exposure_warning().unwrap().contains("other computers"));
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let mut opts = ServeOptions::new("public");
    opts.port = taken.local_addr().unwrap().port();
    let err = start(opts).unwrap_err();
    assert!(err.to_string().contains("--port"), "{err}");
}

#[test]
fn body_end_is_found_in_any_case() {
    assert_eq!(find_body_end(b"<body>x</body></html>"), Some(7));
    assert_eq!(find_body_end(b"<BODY>x</Body >"), Some(7));
    assert_eq!(find_body_end(b"<p>no end"), None);
}

#[test]
fn overlong_names_and_the_manifest_are_not_found() {
    let f = Fixture::new();
    // A segment past 255 bytes is a name no file can have: 404, not 500.
    let long = format!("/articles/{}/", "a".repeat(300));
    let r = f.get(&long);
    assert_eq!(r.status, 404, "{}", r.body);
    assert!(r.body.contains("Page not found"), "{}", r.body);
    assert!(f.out().join(crate::output::MANIFEST).is_file());
    let r = f.get(&format!("/{}", crate::output::MANIFEST));
    assert_eq!(r.status, 404, "{}", r.body);
    assert!(!r.body.contains("rounds output manifest"), "{}", r.body);
}
