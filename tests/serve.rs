//! A real `rounds serve` process on a free port: fetch a page, edit the source, see the event
//! and the new page, traversal requests, the error panel on a broken edit, and Ctrl-C.
//! Every wait is bounded.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::SiteTest;

/// The longest any step waits; a passing test never reaches it.
const TIMEOUT: Duration = Duration::from_secs(20);

const FRONT: &str = "title: \"Understanding your blood pressure\"\ndate: 2026-01-15\nauthor: jdoe\ndescription: \"What the numbers mean.\"\ntags: [hypertension]";

/// The running server, its stderr lines, and its address.
struct Serve {
    child: Child,
    lines: mpsc::Receiver<String>,
    log: Vec<String>,
    addr: SocketAddr,
}

impl Serve {
    fn start(site: &SiteTest) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rounds"))
            .args(["serve", "--port", "0", "--now", "2026-11-26"])
            .current_dir(site.root())
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        let mut serve = Serve { child, lines, log: Vec::new(), addr: ([0, 0, 0, 0], 0).into() };
        let line = serve.wait_line("serving ");
        let url = line.split("http://").nth(1).unwrap().trim_end_matches('/');
        serve.addr = url.parse().unwrap();
        serve.wait_line("built ");
        serve
    }

    /// Waits for a stderr line containing `needle`.
    fn wait_line(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.log.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => {
                    panic!("no line with `{needle}` from rounds serve:\n{}", self.log.join("\n"))
                }
            }
        }
    }

    fn get(&self, path: &str) -> (u16, String) {
        let mut s = TcpStream::connect(self.addr).unwrap();
        s.set_read_timeout(Some(TIMEOUT)).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.addr)
            .unwrap();
        let mut raw = String::new();
        s.read_to_string(&mut raw).unwrap();
        let status = raw.split(' ').nth(1).unwrap().parse().unwrap();
        let body = raw.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
        (status, body)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
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
        write!(stream, "GET /__rounds/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
        let mut events = Events { stream, seen: String::new() };
        events.wait_for("event: hello");
        events
    }

    /// Reads until `needle` shows up; returns the rest of that line.
    fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(at) = self.seen.find(needle) {
                let rest = self.seen[at + needle.len()..].to_string();
                self.seen.drain(..at + needle.len());
                return rest.lines().next().unwrap_or_default().to_string();
            }
            assert!(Instant::now() < deadline, "no `{needle}` in the stream: {:?}", self.seen);
            let mut buf = [0; 4096];
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("the stream ended before `{needle}`"),
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
fn serve_builds_reloads_guards_and_shows_errors() {
    let site = SiteTest::new();
    site.article("bp", FRONT, "Your numbers, explained.\n");
    let mut serve = Serve::start(&site);

    // The page, with the live-reload script; the file on disk has none.
    let (status, body) = serve.get("/articles/bp/");
    assert_eq!(status, 200);
    assert!(body.contains("Understanding your blood pressure"), "{body}");
    assert!(body.contains("/__rounds/live.js"), "{body}");
    assert!(!site.read("articles/bp/index.html").contains("/__rounds/"));

    // An edit: the event names the page, and the page is new.
    let mut events = Events::open(serve.addr);
    site.article("bp", &FRONT.replace("Understanding", "Reading"), "Your numbers, explained.\n");
    let changed = events.wait_for("event: change\ndata: ");
    assert!(changed.contains("\"articles/bp/index.html\""), "{changed}");
    assert!(serve.get("/articles/bp/").1.contains("Reading your blood pressure"));
    serve.wait_line("content/articles/bp.md changed: built ");

    // Nothing outside the output folder.
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/content/site.yaml",
        "/%2e%2e%2fcontent/site.yaml",
        "//etc/passwd",
    ] {
        let (status, body) = serve.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("base_url"), "{path}: {body}");
    }

    // A broken edit: the build fails, the last good page stays, with the error panel.
    site.article("bp", &format!("{FRONT}\ncorection: oops"), "Your numbers, explained.\n");
    events.wait_for("event: errors");
    let (status, body) = serve.get("/articles/bp/");
    assert_eq!(status, 200);
    assert!(body.contains("Reading your blood pressure"), "the last good page stays");
    assert!(body.contains("id=\"rounds-errors\""), "{body}");
    assert!(body.contains("content/articles/bp.md:7:1"), "{body}");
    assert!(body.contains("corrections"), "the fix is shown: {body}");
    let (status, body) = serve.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("id=\"rounds-errors\""), "404s show the panel too");
    serve.wait_line("build failed");

    // The next good save clears it.
    site.article("bp", FRONT, "Your numbers, explained again.\n");
    events.wait_for("event: errors");
    let body = serve.get("/articles/bp/").1;
    assert!(!body.contains("rounds-errors"), "{body}");
    assert!(body.contains("explained again"), "{body}");

    // Ctrl-C ends it cleanly.
    #[cfg(unix)]
    {
        let pid = serve.child.id().to_string();
        Command::new("kill").args(["-INT", &pid]).status().unwrap();
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = serve.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "rounds serve did not stop on Ctrl-C");
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(status.success(), "{status:?}");
    }
}
