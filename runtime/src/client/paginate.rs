//! Paginators: streams that call an operation again with each page's token
//! until the service stops returning one.

use std::collections::VecDeque;
use std::future::poll_fn;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::BoxFuture;

type Fetch<O, E, K> = Box<dyn FnMut(Option<K>) -> BoxFuture<Result<O, E>> + Send>;

/// The pages of a paginated operation, as a [`futures_core::Stream`]; also
/// usable without a stream library through [`PageStream::next`].
///
/// It stops after a page without a token (or with an empty one, or with the
/// token it was just sent, which would loop forever), and after an error.
/// Tokens are strings in most models (`K = String`); DynamoDB pages with a
/// map of attribute values.
pub struct PageStream<O, E, K = String> {
    fetch: Fetch<O, E, K>,
    token_of: fn(&O) -> Option<K>,
    is_empty: fn(&K) -> bool,
    next_token: Option<K>,
    in_flight: Option<BoxFuture<Result<O, E>>>,
    done: bool,
}

impl<O, E, K> std::fmt::Debug for PageStream<O, E, K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageStream").field("done", &self.done).finish_non_exhaustive()
    }
}

impl<O: Send + 'static, E: Send + 'static, K: Clone + PartialEq + Send + 'static> PageStream<O, E, K> {
    /// Pages from `fetch` (called with each page's token, `None` first),
    /// reading the next token with `token_of`; a token for which `is_empty`
    /// holds ends the stream.
    pub fn new(fetch: Fetch<O, E, K>, token_of: fn(&O) -> Option<K>, is_empty: fn(&K) -> bool) -> Self {
        Self { fetch, token_of, is_empty, next_token: None, in_flight: None, done: false }
    }

    /// The next page, or `None` when there are no more.
    pub async fn next(&mut self) -> Option<Result<O, E>> {
        poll_fn(|cx| self.poll_page(cx)).await
    }

    /// Every page, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<O>, E> {
        let mut pages = Vec::new();
        while let Some(page) = self.next().await {
            pages.push(page?);
        }
        Ok(pages)
    }

    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<O, E>>> {
        if self.done {
            return Poll::Ready(None);
        }
        let sent = self.next_token.clone();
        let fetch = &mut self.fetch;
        let future = self.in_flight.get_or_insert_with(|| fetch(sent.clone()));
        let result = match future.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(result) => result,
        };
        self.in_flight = None;
        match &result {
            Ok(page) => {
                let token = (self.token_of)(page).filter(|t| !(self.is_empty)(t));
                self.done = token.is_none() || token == sent;
                self.next_token = token;
            }
            Err(_) => self.done = true,
        }
        Poll::Ready(Some(result))
    }
}

impl<O: Send + 'static, E: Send + 'static, K: Clone + PartialEq + Send + Unpin + 'static> futures_core::Stream
    for PageStream<O, E, K>
{
    type Item = Result<O, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_page(cx)
    }
}

/// The items of every page of a paginated operation, one at a time.
pub struct ItemStream<T, O, E, K = String> {
    pages: PageStream<O, E, K>,
    items_of: fn(O) -> Vec<T>,
    buffer: VecDeque<T>,
}

impl<T, O, E, K> std::fmt::Debug for ItemStream<T, O, E, K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ItemStream").field("pages", &self.pages).field("buffered", &self.buffer.len()).finish()
    }
}

impl<T, O: Send + 'static, E: Send + 'static, K: Clone + PartialEq + Send + 'static> ItemStream<T, O, E, K> {
    /// The items `items_of` takes from each page of `pages`.
    pub fn new(pages: PageStream<O, E, K>, items_of: fn(O) -> Vec<T>) -> Self {
        Self { pages, items_of, buffer: VecDeque::new() }
    }

    /// The next item, or `None` when there are no more.
    pub async fn next(&mut self) -> Option<Result<T, E>> {
        poll_fn(|cx| self.poll_item(cx)).await
    }

    /// Every item, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<T>, E> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }

    fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, E>>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match self.pages.poll_page(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok(page))) => self.buffer.extend((self.items_of)(page)),
            }
        }
    }
}

impl<T: Unpin, O: Send + 'static, E: Send + 'static, K: Clone + PartialEq + Send + Unpin + 'static>
    futures_core::Stream for ItemStream<T, O, E, K>
{
    type Item = Result<T, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}
