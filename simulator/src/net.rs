//! Accepting connections: plain or TLS, and able to really go down and come
//! back on the same port for the flapping scenario. Connections are handed
//! to axum through a channel so slow TLS handshakes never block accepting.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch};
use tokio::time::Instant;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::server::TlsStream;

use crate::scenario::Scenario;
use crate::state::SimState;

enum Inner {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

/// An accepted connection that fails as soon as the simulator cuts
/// connections (its generation moved on).
pub(crate) struct Conn {
    inner: Inner,
    generation: u64,
    current: Arc<AtomicU64>,
}

impl Conn {
    fn cut(&self) -> Option<io::Error> {
        (self.current.load(Ordering::SeqCst) != self.generation)
            .then(|| io::Error::new(io::ErrorKind::ConnectionReset, "simulated outage"))
    }
}

impl AsyncRead for Conn {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if let Some(err) = this.cut() {
            return Poll::Ready(Err(err));
        }
        match &mut this.inner {
            Inner::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Inner::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Conn {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if let Some(err) = this.cut() {
            return Poll::Ready(Err(err));
        }
        match &mut this.inner {
            Inner::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Inner::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().inner {
            Inner::Plain(s) => Pin::new(s).poll_flush(cx),
            Inner::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().inner {
            Inner::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Inner::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

pub(crate) struct ChannelListener {
    pub(crate) rx: mpsc::Receiver<(Conn, SocketAddr)>,
    pub(crate) local: SocketAddr,
}

impl axum::serve::Listener for ChannelListener {
    type Io = Conn;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.rx.recv().await {
            Some(conn) => conn,
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        Ok(self.local)
    }
}

/// Accepts until `shutdown` flips. In the flapping scenario the port is
/// open for one `flap_period`, then closed (and every connection cut) for
/// the next, and so on.
pub(crate) async fn accept_loop(
    listener: TcpListener,
    state: Arc<SimState>,
    tls: Option<TlsAcceptor>,
    tx: mpsc::Sender<(Conn, SocketAddr)>,
    mut shutdown: watch::Receiver<bool>,
) {
    let addr = state_addr(&listener);
    let period = state.config.flap_period.max(Duration::from_millis(10));
    let mut scenario = state.watch_scenario();
    let mut listener = Some(listener);
    let mut phase_end: Option<Instant> = None;
    loop {
        let flapping = state.scenario() == Scenario::Flapping;
        if !flapping {
            phase_end = None;
        }
        let Some(open) = &listener else {
            tokio::select! {
                _ = shutdown.changed() => return,
                _ = tokio::time::sleep(period) => {}
            }
            match TcpListener::bind(addr).await {
                Ok(l) => {
                    tracing::info!(%addr, "simulated NAS is back up");
                    listener = Some(l);
                }
                Err(err) => tracing::warn!(%addr, error = %err, "cannot rebind; retrying"),
            }
            continue;
        };
        if flapping && phase_end.is_none() {
            phase_end = Some(Instant::now() + period);
        }
        let deadline = phase_end;
        tokio::select! {
            _ = shutdown.changed() => return,
            _ = scenario.changed() => {}
            _ = async { match deadline { Some(d) => tokio::time::sleep_until(d).await, None => std::future::pending().await } } => {
                tracing::info!(%addr, "simulated NAS goes down");
                listener = None;
                phase_end = None;
                state.drop_connections();
            }
            accepted = open.accept() => match accepted {
                Ok((stream, peer)) => hand_over(stream, peer, &state, tls.clone(), tx.clone()),
                Err(err) => {
                    tracing::debug!(error = %err, "accept failed");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            },
        }
    }
}

fn state_addr(listener: &TcpListener) -> SocketAddr {
    listener
        .local_addr()
        .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
}

fn hand_over(
    stream: TcpStream,
    peer: SocketAddr,
    state: &SimState,
    tls: Option<TlsAcceptor>,
    tx: mpsc::Sender<(Conn, SocketAddr)>,
) {
    let _ = stream.set_nodelay(true);
    let current = state.connection_generation.clone();
    let generation = current.load(Ordering::SeqCst);
    tokio::spawn(async move {
        let inner = match tls {
            None => Inner::Plain(stream),
            Some(acceptor) => {
                match tokio::time::timeout(Duration::from_secs(10), acceptor.accept(stream)).await {
                    Ok(Ok(tls)) => Inner::Tls(Box::new(tls)),
                    Ok(Err(err)) => {
                        tracing::debug!(%peer, error = %err, "TLS handshake failed");
                        return;
                    }
                    Err(_) => return,
                }
            }
        };
        let conn = Conn {
            inner,
            generation,
            current,
        };
        let _ = tx.send((conn, peer)).await;
    });
}
