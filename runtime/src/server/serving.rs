//! Serving a router on a `TcpListener` with the connection limits of a
//! [`ServerConfig`]: hyper's HTTP/1 connections with a header-read timeout
//! and half-close support, an idle keep-alive timeout, a cap on concurrent
//! connections, and a graceful shutdown that answers the requests in
//! flight within a grace period.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;
use tokio::time::Instant;

use super::ServerConfig;

/// The longest timeout a timer is set for; a longer one (`Duration::MAX`
/// for "never") waits this long, which is the same in practice and cannot
/// overflow a deadline.
const LONGEST: Duration = Duration::from_secs(100 * 365 * 24 * 60 * 60);

/// `timeout`, capped so a deadline computed from it cannot overflow.
pub(crate) fn bounded(timeout: Duration) -> Duration {
    timeout.min(LONGEST)
}

/// How many connections may wait to be accepted: the kernel caps it at its
/// own limit (`net.core.somaxconn` on Linux). The standard library and
/// tokio ask for 128, few enough that a burst of clients while the server
/// is at its connection or file-descriptor limit overflows the queue, and
/// the kernel then resets connections the clients believe are open.
const LISTEN_BACKLOG: u32 = 1024;

/// A listener on `addr` for [`serve_with`], with `SO_REUSEADDR` (a
/// restarted server can bind its port at once) and a listen backlog of
/// 1024 connections. Each address `addr` resolves to is tried in turn,
/// as `TcpListener::bind` does.
pub async fn bind(addr: impl tokio::net::ToSocketAddrs) -> std::io::Result<TcpListener> {
    let mut last_error = None;
    for addr in tokio::net::lookup_host(addr).await? {
        let socket = if addr.is_ipv4() { tokio::net::TcpSocket::new_v4() } else { tokio::net::TcpSocket::new_v6() }?;
        let bound = socket.set_reuseaddr(true).and_then(|()| socket.bind(addr)).and_then(|()| socket.listen(LISTEN_BACKLOG));
        match bound {
            Ok(listener) => return Ok(listener),
            Err(error) => last_error = Some(error),
        }
    }
    Err(last_error.unwrap_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "the address resolved to no socket address")))
}

/// Serves `router` on `listener` with `config`'s connection limits until
/// `shutdown` resolves. Then the listener is closed (new connections are
/// refused), idle connections are closed, and requests in flight are
/// answered; connections still busy after `config.shutdown_grace` are
/// dropped.
///
/// The router should be built with the same `config`
/// ([`router`](super::router)), which applies its per-request limits.
/// Clients past `config.max_connections` wait in `listener`'s backlog:
/// [`bind`] makes one large enough for bursts.
pub async fn serve_with(
    listener: TcpListener,
    router: axum::Router,
    config: &ServerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(bounded(config.header_read_timeout))
        // A client that shuts down its sending side after a complete
        // request still gets its answer.
        .half_close(true)
        .keep_alive(true);
    let http = Arc::new(http);
    let idle_timeout = bounded(config.idle_timeout);
    let permits = Arc::new(Semaphore::new(config.max_connections.max(1)));
    let (stop, stopping) = watch::channel(false);
    let mut connections = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    'accept: loop {
        // At the connection limit, new connections wait in the listen
        // backlog until one closes.
        let permit = tokio::select! {
            biased;
            () = &mut shutdown => break 'accept,
            Some(_) = connections.join_next() => continue 'accept,
            permit = Arc::clone(&permits).acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break 'accept,
            },
        };
        let stream = loop {
            tokio::select! {
                biased;
                () = &mut shutdown => break 'accept,
                Some(_) = connections.join_next() => {}
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => break stream,
                    Err(error) => accept_failed(&error).await,
                },
            }
        };
        let _ = stream.set_nodelay(true);
        let connection = Connection { router: router.clone(), http: Arc::clone(&http), idle_timeout, stopping: stopping.clone(), _permit: permit };
        connections.spawn(connection.serve(stream));
    }
    drop(listener);
    let _ = stop.send(true);
    let drained = tokio::time::timeout(bounded(config.shutdown_grace), async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        connections.shutdown().await;
    }
    Ok(())
}

/// Waits after a failed `accept`: not at all when only that connection
/// failed, briefly when the process is out of file descriptors (the
/// error repeats until a connection closes).
async fn accept_failed(error: &std::io::Error) {
    use std::io::ErrorKind;
    if !matches!(error.kind(), ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset | ErrorKind::ConnectionRefused | ErrorKind::Interrupted) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// One accepted connection and what it needs to serve it.
struct Connection {
    router: axum::Router,
    http: Arc<hyper::server::conn::http1::Builder>,
    idle_timeout: Duration,
    stopping: watch::Receiver<bool>,
    /// Held while the connection is open: the connection limit's permit.
    _permit: OwnedSemaphorePermit,
}

impl Connection {
    /// Serves requests until the client closes, a timeout closes the
    /// connection, or the server shuts down (after the request in flight
    /// is answered).
    async fn serve(mut self, stream: TcpStream) {
        let activity = Arc::new(Activity::new());
        let service = {
            let activity = Arc::clone(&activity);
            let router = self.router;
            hyper::service::service_fn(move |request: http::Request<hyper::body::Incoming>| {
                let busy = Busy::start(&activity);
                let call = tower::ServiceExt::oneshot(router.clone(), request.map(axum::body::Body::new));
                async move {
                    let response = call.await;
                    drop(busy);
                    response
                }
            })
        };
        let connection = self.http.serve_connection(TokioIo::new(stream), service);
        let mut connection = std::pin::pin!(connection);
        let mut closing = false;
        loop {
            let check_idle = tokio::time::sleep_until(activity.idle_deadline(self.idle_timeout));
            tokio::select! {
                _ = connection.as_mut() => return,
                _ = self.stopping.wait_for(|stop| *stop), if !closing => {
                    closing = true;
                    connection.as_mut().graceful_shutdown();
                }
                () = check_idle, if !closing => {
                    if activity.idle_for(self.idle_timeout) {
                        closing = true;
                        connection.as_mut().graceful_shutdown();
                    }
                }
            }
        }
    }
}

/// When a connection last finished a request, and how many it has in
/// flight.
struct Activity {
    in_flight: AtomicUsize,
    last: Mutex<Instant>,
}

impl Activity {
    fn new() -> Self {
        Self { in_flight: AtomicUsize::new(0), last: Mutex::new(Instant::now()) }
    }

    fn last(&self) -> Instant {
        *self.last.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// When the connection is next worth checking for idleness.
    fn idle_deadline(&self, timeout: Duration) -> Instant {
        let from = if self.in_flight.load(Ordering::Acquire) > 0 { Instant::now() } else { self.last() };
        from + timeout
    }

    /// Whether no request has been in flight for `timeout`.
    fn idle_for(&self, timeout: Duration) -> bool {
        self.in_flight.load(Ordering::Acquire) == 0 && self.last().elapsed() >= timeout
    }
}

/// A request in flight on a connection; its end is the connection's
/// latest activity.
struct Busy(Arc<Activity>);

impl Busy {
    fn start(activity: &Arc<Activity>) -> Self {
        activity.in_flight.fetch_add(1, Ordering::AcqRel);
        Self(Arc::clone(activity))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        *self.0.last.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Instant::now();
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Resolves when the process receives Ctrl-C (or cannot listen for it).
pub async fn ctrl_c() {
    let _ = tokio::signal::ctrl_c().await;
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use std::time::Duration;

    /// Linux drops a SYN while the accept queue is full, so a connect past
    /// the backlog does not complete until the server accepts: with
    /// tokio's backlog of 128 the 130th of these never would.
    #[tokio::test]
    async fn connections_past_128_wait_in_the_backlog_without_being_accepted() {
        let clients = 300;
        let somaxconn = std::fs::read_to_string("/proc/sys/net/core/somaxconn").ok().and_then(|s| s.trim().parse::<usize>().ok());
        if somaxconn.is_none_or(|max| max < clients) {
            eprintln!("skipped: net.core.somaxconn ({somaxconn:?}) caps every listen backlog below {clients}");
            return;
        }
        let listener = super::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut open = Vec::with_capacity(clients);
        for i in 0..clients {
            let connect = tokio::time::timeout(Duration::from_secs(10), tokio::net::TcpStream::connect(addr));
            match connect.await {
                Ok(stream) => open.push(stream.unwrap()),
                Err(_) => panic!("connection {} waited for an accept: the backlog is smaller than {clients}", i + 1),
            }
        }
        assert_eq!(open.len(), clients);
    }
}
