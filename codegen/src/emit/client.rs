//! `client.rs`: the async client: one fluent builder per operation over the
//! shared plumbing in `smithy_runtime::client`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::{builder_is_fallible, sender_field};
use super::{doc_attrs, ident};
use crate::endpoints::{Binding, EndpointRules, MemberParam};
use crate::ir::{Ir, Member, NamedKind, Operation};

/// The `client` module.
pub fn emit_client(ir: &Ir, crate_name: &str) -> Result<TokenStream, String> {
    let service = &ir.service;
    let target_prefix = &service.name;
    let protocol = super::protocol::runtime_protocol(ir);
    let protocol_items = super::protocol::client_items(ir);
    let signing_name = match &service.signing_name {
        Some(name) => quote!(::std::option::Option::Some(#name)),
        None => quote!(::std::option::Option::None),
    };
    let sdk_id = service.sdk_id.clone().unwrap_or_else(|| service.name.clone());
    let query_compatible = service.query_compatible;
    let endpoint_prefix = service
        .endpoint_prefix
        .clone()
        .or_else(|| service.signing_name.clone())
        .unwrap_or_else(|| sdk_id.to_ascii_lowercase().replace(' ', "-"));
    let title = service.title.clone().unwrap_or_else(|| service.name.clone());
    let (endpoint_rules, resolve_endpoint) = match &service.endpoint_rules {
        None => (quote!(::std::option::Option::None), quote!()),
        Some(rules) => (quote!(::std::option::Option::Some(ENDPOINT_RULES)), emit_resolve_endpoint(rules)),
    };

    let methods = ir.operations.iter().map(emit_client_method);
    let waiter_methods = ir.operations.iter().map(super::waiters::client_methods);
    let waiters = super::waiters::module(ir);
    let fluents = ir
        .operations
        .iter()
        .map(|op| emit_fluent_builder(ir, op))
        .collect::<Result<Vec<_>, String>>()?;
    let error_impls = ir.operations.iter().map(|op| emit_operation_error_impl(ir, op));
    let client_doc = client_docs(ir, crate_name, &title);

    Ok(quote! {
        //! The async client.

        pub use ::smithy_runtime::client::{Credentials, ProvideCredentials, RetryConfig, TimeoutConfig, Transport};

        /// The configuration of a [`Client`].
        pub type Config = ::smithy_runtime::client::Config;

        /// Builds a [`Client`]; see [`Client::builder`].
        pub type ClientBuilder = ::smithy_runtime::client::ConfigBuilder<Client>;

        static SERVICE: ::smithy_runtime::client::ServiceInfo = ::smithy_runtime::client::ServiceInfo {
            target_prefix: #target_prefix,
            protocol: #protocol,
            signing_name: #signing_name,
            endpoint_prefix: #endpoint_prefix,
            sdk_id: #sdk_id,
            query_compatible: #query_compatible,
            endpoint_rules: #endpoint_rules,
        };

        #resolve_endpoint

        #client_doc
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct Client {
            handle: ::std::sync::Arc<::smithy_runtime::client::Handle>,
        }

        impl ::std::convert::From<Config> for Client {
            fn from(config: Config) -> Self {
                Self::new(config)
            }
        }

        impl Client {
            /// A client with `config`.
            pub fn new(config: Config) -> Self {
                Self { handle: ::std::sync::Arc::new(::smithy_runtime::client::Handle::new(&SERVICE, config)) }
            }

            /// A client configured from the environment: `AWS_REGION`,
            /// `AWS_ENDPOINT_URL`, `AWS_USE_FIPS_ENDPOINT`, ..., and credentials
            /// from the AWS SDKs' default chain (environment, shared files,
            /// web identity, container, instance metadata).
            pub fn from_env() -> Self {
                ::smithy_runtime::client::Config::from_env(&SERVICE).build()
            }

            /// A builder preset from the environment (see [`Client::from_env`]);
            /// anything it sets can be overridden.
            pub fn builder() -> ClientBuilder {
                ::smithy_runtime::client::Config::from_env(&SERVICE)
            }

            /// The configuration.
            pub fn config(&self) -> &Config {
                self.handle.config()
            }

            /// The endpoint requests go to.
            pub fn endpoint(&self) -> &str {
                self.handle.endpoint()
            }

            #(#methods)*

            #(#waiter_methods)*
        }

        /// One fluent builder per operation: set input members, then `send()`.
        pub mod fluent {
            #(#fluents)*
        }

        #waiters

        #(#error_impls)*

        #protocol_items
    })
}

fn client_docs(ir: &Ir, crate_name: &str, title: &str) -> TokenStream {
    let krate = crate_name.replace('-', "_");
    let mut lines = vec![
        format!("A client for {title}. Cheap to clone; clones share connections."),
        String::new(),
        "Every operation is a method that returns a fluent builder: set the input members, then".to_owned(),
        "`send().await` for the output or the operation's error enum.".to_owned(),
    ];
    if let Some(op) = ir.operations.first() {
        let fn_name = op.fn_name.ident.trim_start_matches("r#").to_owned();
        let setter = input_members(ir, op)
            .iter()
            .find(|m| m.ty == Some(crate::ir::Type::String))
            .map(|m| format!(".{}(\"example\")", m.field.setter.trim_start_matches("r#")))
            .unwrap_or_default();
        lines.extend([
            String::new(),
            "```no_run".to_owned(),
            "# async fn example() -> Result<(), Box<dyn std::error::Error>> {".to_owned(),
            format!("use {krate}::client::{{Client, Credentials}};"),
            String::new(),
            "// From the environment (AWS_REGION, AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, ...):".to_owned(),
            "let client = Client::from_env();".to_owned(),
            "// Or explicitly:".to_owned(),
            "let client = Client::builder()".to_owned(),
            "    .endpoint_url(\"http://127.0.0.1:4567\")".to_owned(),
            "    .region(\"us-east-1\")".to_owned(),
            "    .credentials(Credentials::new(\"AKID\", \"SECRET\", None))".to_owned(),
            "    .build();".to_owned(),
            format!("let output = client.{fn_name}(){setter}.send().await?;"),
            "# let _ = output;".to_owned(),
            "# Ok(())".to_owned(),
            "# }".to_owned(),
            "```".to_owned(),
        ]);
    }
    doc_attrs(&lines, "")
}

fn input_members<'a>(ir: &'a Ir, op: &Operation) -> &'a [Member] {
    match op.input.as_ref().map(|id| &ir.shape(id).kind) {
        Some(NamedKind::Structure { members, .. }) => members,
        _ => &[],
    }
}

fn fluent_name(op: &Operation) -> proc_macro2::Ident {
    format_ident!("{}", op.fluent_name)
}

fn emit_client_method(op: &Operation) -> TokenStream {
    let f = ident(&op.fn_name.ident);
    let fluent = fluent_name(op);
    let mut lines = op.docs.clone();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!("Calls `{}`: set the input on the returned builder, then `send().await`.", op.name));
    let docs = doc_attrs(&lines, "");
    let deprecated = super::deprecated_attr(op.deprecated.as_ref());
    quote! {
        #docs
        #deprecated
        pub fn #f(&self) -> fluent::#fluent {
            fluent::#fluent::new(&self.handle)
        }
    }
}

/// The service's endpoint rules, and `resolve_endpoint` evaluating them.
fn emit_resolve_endpoint(rules: &EndpointRules) -> TokenStream {
    // A raw string literal, with enough `#`s to hold the JSON.
    let hashes = (0..).map(|n| "#".repeat(n)).find(|h| !rules.json.contains(&format!("\"{h}"))).unwrap_or_default();
    let json: proc_macro2::Literal = format!("r{hashes}\"{}\"{hashes}", rules.json)
        .parse()
        .unwrap_or_else(|_| proc_macro2::Literal::string(&rules.json));
    let mut lines = vec![
        "The endpoint the service's endpoint rules (`smithy.rules#endpointRuleSet`) give `params`.".to_owned(),
        "Clients resolve theirs from their configuration; this is for checking where a configuration".to_owned(),
        "leads. The rules' parameters:".to_owned(),
        String::new(),
    ];
    for (name, param) in &rules.parameters {
        let built_in = param.built_in.as_ref().map(|b| format!(", set by the client from `{b}`")).unwrap_or_default();
        let documentation = param.documentation.as_ref().map(|d| format!(": {}", d.replace('\n', " "))).unwrap_or_default();
        lines.push(format!("- `{name}` ({:?}{built_in}){documentation}", param.ty));
    }
    let docs = doc_attrs(&lines, "");
    quote! {
        /// The service's endpoint rule set, as JSON.
        const ENDPOINT_RULES: &str = #json;

        #docs
        pub fn resolve_endpoint(
            params: &::smithy_runtime::client::endpoint::EndpointParams,
        ) -> ::std::result::Result<::smithy_runtime::client::endpoint::Endpoint, ::smithy_runtime::client::endpoint::EndpointError> {
            ::smithy_runtime::client::endpoint::RuleSet::parse(ENDPOINT_RULES)?.resolve(params)
        }
    }
}

/// Statements setting the endpoint parameters `op` takes from `input` into
/// `params`, lowest precedence first.
fn endpoint_params(op: &Operation) -> TokenStream {
    let sets = op.endpoint_params.iter().map(|binding| match binding {
        Binding::Path { name, path } => quote! {
            if let ::std::option::Option::Some(value) = ::smithy_runtime::client::endpoint::context_path(&input, #path) {
                params.set(#name, value);
            }
        },
        Binding::Member { name, field, optional, kind } => {
            let field = ident(&field.ident);
            let value = match kind {
                MemberParam::String | MemberParam::Enum => quote!(value.as_str()),
                MemberParam::Boolean => quote!(*value),
                MemberParam::StringList => quote!(value.clone()),
            };
            if *optional {
                quote! {
                    if let ::std::option::Option::Some(value) = &input.#field {
                        params.set(#name, #value);
                    }
                }
            } else {
                quote! {
                    let value = &input.#field;
                    params.set(#name, #value);
                }
            }
        }
        Binding::Static { name, value } => {
            let value = param_value(value);
            quote!(params.set(#name, #value);)
        }
    });
    quote! {
        {
            let mut params = ::smithy_runtime::client::endpoint::EndpointParams::new();
            #(#sets)*
            params
        }
    }
}

/// An expression converting into an endpoint parameter's value, from a
/// node value the IR checked to be a string, boolean or list of strings.
pub(crate) fn param_value(value: &crate::node::Value) -> TokenStream {
    match value {
        crate::node::Value::Bool(b) => quote!(#b),
        crate::node::Value::Array(items) => {
            let items = items.iter().filter_map(crate::node::Value::as_str);
            quote!(::std::vec![#(::std::string::String::from(#items)),*])
        }
        other => {
            let text = other.as_str().map_or_else(|| other.to_string(), str::to_owned);
            quote!(#text)
        }
    }
}

/// The `CallOptions` an operation's `@endpoint` host prefix (labels read
/// from `input`), `@requestCompression` and endpoint parameters ask for,
/// if any.
fn call_options(op: &Operation) -> Option<TokenStream> {
    if op.host_prefix.is_none() && !op.request_compression && op.endpoint_params.is_empty() && !op.checksum_required {
        return None;
    }
    let host_prefix = match &op.host_prefix {
        None => quote!(::std::option::Option::None),
        Some(prefix) => {
            let template = &prefix.template;
            let labels = prefix.labels.iter().map(|(name, field, optional)| {
                let field = ident(&field.ident);
                if *optional {
                    quote!((#name, input.#field.as_deref()))
                } else {
                    quote!((#name, ::std::option::Option::Some(input.#field.as_str())))
                }
            });
            quote!(::std::option::Option::Some(::smithy_runtime::client::host_prefix(#template, &[#(#labels),*])?))
        }
    };
    let gzip = op.request_compression;
    let endpoint_params = if op.endpoint_params.is_empty() {
        quote!(::smithy_runtime::client::endpoint::EndpointParams::new())
    } else {
        endpoint_params(op)
    };
    let content_md5 = op.checksum_required;
    Some(quote! {
        ::smithy_runtime::client::CallOptions {
            host_prefix: #host_prefix,
            gzip: #gzip,
            endpoint_params: #endpoint_params,
            content_md5: #content_md5,
        }
    })
}

/// The Rust type of `op`'s output: its structure, or `()`.
pub(super) fn output_type(ir: &Ir, op: &Operation) -> TokenStream {
    match &op.output {
        Some(id) => {
            let o = format_ident!("{}", ir.shape(id).rust_name);
            quote!(crate::types::#o)
        }
        None => quote!(()),
    }
}

fn emit_fluent_builder(ir: &Ir, op: &Operation) -> Result<TokenStream, String> {
    let name = fluent_name(op);
    let error = format_ident!("{}", op.error_name);
    let output = output_type(ir, op);
    let sender_ty = quote!(::smithy_runtime::client::Sender<crate::error::#error>);
    // What the model adds to the call: a host prefix, compression.
    let options = call_options(op);
    // `input` is a reference to the input.
    let call = |input: TokenStream| super::protocol::client_call(ir, op, input, options.as_ref());
    let Some(input_id) = &op.input else {
        let call = call(quote!(&::smithy_runtime::union::Unit {}));
        let doc = format!(" Fluent builder for the `{}` operation.", op.name);
        return Ok(quote! {
            #[doc = #doc]
            #[derive(::std::clone::Clone, ::std::fmt::Debug)]
            pub struct #name {
                sender: #sender_ty,
            }

            impl #name {
                pub(super) fn new(handle: &::std::sync::Arc<::smithy_runtime::client::Handle>) -> Self {
                    Self { sender: ::smithy_runtime::client::Sender::new(handle) }
                }

                /// Sends the request and waits for the output.
                pub async fn send(self) -> ::std::result::Result<#output, crate::error::#error> {
                    let sender = self.sender;
                    #call
                }
            }
        });
    };
    let input_shape = ir.shape(input_id);
    let input_ty = format_ident!("{}", input_shape.rust_name);
    let input_builder = format_ident!("{}Builder", input_shape.rust_name);
    let members = input_members(ir, op);
    let sender = sender_field(members);
    let token_members: Vec<&Member> =
        members.iter().filter(|m| m.idempotency_token && m.ty == Some(crate::ir::Type::String)).collect();
    let binding = if token_members.is_empty() { quote!(let input) } else { quote!(let mut input) };
    let build = if builder_is_fallible(members) {
        quote!(#binding = self.with_sender(()).build().map_err(::smithy_runtime::error::Unhandled::from)?;)
    } else {
        quote!(#binding = self.with_sender(()).build();)
    };
    // A token the caller left out (or, when the member is required and so
    // a plain string, left empty) gets a fresh one.
    let tokens = token_members.iter().map(|m| {
        let field = ident(&m.field.ident);
        if m.optional {
            quote! {
                if input.#field.is_none() {
                    input.#field = ::std::option::Option::Some(sender.idempotency_token());
                }
            }
        } else {
            quote! {
                if input.#field.is_empty() {
                    input.#field = sender.idempotency_token();
                }
            }
        }
    });
    let call = call(quote!(&input));
    let paginator = op.paginated.as_ref().map(|p| emit_paginator(ir, op, p, &output));
    let into_paginator = paginator.as_ref().map(|_| {
        let paginator = format_ident!("{}", op.paginator_name);
        quote! {
            /// Pages through every result: the returned paginator calls the
            /// operation again with each page's token.
            pub fn into_paginator(self) -> #paginator {
                #paginator(self)
            }
        }
    });
    let doc = format!(
        " Fluent builder for the `{}` operation: the input's builder, holding the client.",
        op.name
    );
    Ok(quote! {
        #[doc = #doc]
        pub type #name = crate::types::builders::#input_builder<#sender_ty>;

        impl #name {
            pub(super) fn new(handle: &::std::sync::Arc<::smithy_runtime::client::Handle>) -> Self {
                <crate::types::builders::#input_builder>::default().with_sender(::smithy_runtime::client::Sender::new(handle))
            }

            /// Replaces the whole input with `input`.
            pub fn input(self, input: crate::types::#input_ty) -> Self {
                // Through the trait: a member named `from` has a setter of that name.
                <crate::types::builders::#input_builder as ::std::convert::From<crate::types::#input_ty>>::from(input)
                    .with_sender(self.#sender)
            }

            #into_paginator

            /// Sends the request (retrying as configured) and waits for the
            /// output. `@idempotencyToken` members left unset get a fresh
            /// UUID (or what the configured generator makes), kept across
            /// retries.
            pub async fn send(self) -> ::std::result::Result<#output, crate::error::#error> {
                let sender = ::std::clone::Clone::clone(&self.#sender);
                #build
                #(#tokens)*
                #call
            }
        }

        #paginator
    })
}

/// An expression reading the value at `path` from `root` (a reference) as
/// an `Option` of a reference.
fn path_access(root: TokenStream, path: &[crate::ir::PathStep]) -> TokenStream {
    let mut expr = quote!(::std::option::Option::Some(#root));
    for step in path {
        let field = ident(&step.field.ident);
        expr = if step.optional {
            quote!(#expr.and_then(|v| v.#field.as_ref()))
        } else {
            quote!(#expr.map(|v| &v.#field))
        };
    }
    expr
}

fn emit_paginator(ir: &Ir, op: &Operation, p: &crate::ir::Paginated, output: &TokenStream) -> TokenStream {
    let name = format_ident!("{}", op.paginator_name);
    let fluent = fluent_name(op);
    let error = format_ident!("{}", op.error_name);
    let doc = format!(" Pages through `{}`: [`send`](Self::send) yields every page as a stream.", op.name);
    let set_token = format_ident!("set_{}", p.input_token.plain);
    let token_access = path_access(quote!(page), &p.output_token);
    let token = super::rust_type(ir, &p.token_type);
    let is_empty = match &p.token_type {
        crate::ir::Type::String | crate::ir::Type::List { .. } | crate::ir::Type::Map { .. } => quote!(|t: &#token| t.is_empty()),
        _ => quote!(|_: &#token| false),
    };
    let page_size = p.page_size.as_ref().map(|(field, ty)| {
        let setter = ident(&field.setter);
        let rt = super::rust_type(ir, ty);
        quote! {
            /// Sets how many results each page holds.
            pub fn page_size(mut self, size: #rt) -> Self {
                self.0 = self.0.#setter(size);
                self
            }
        }
    });
    let items = p.items.as_ref().map(|(path, ty)| {
        let (item, collect) = match ty {
            crate::ir::Type::List { member, sparse, .. } => {
                let inner = super::rust_type(ir, member);
                let item = if *sparse { quote!(::std::option::Option<#inner>) } else { inner };
                (item, quote!(::std::iter::IntoIterator::into_iter(list.clone()).collect()))
            }
            crate::ir::Type::Map { key, value, sparse, .. } => {
                let k = super::rust_type(ir, key);
                let v = super::rust_type(ir, value);
                let v = if *sparse { quote!(::std::option::Option<#v>) } else { v };
                (quote!((#k, #v)), quote!(::std::iter::IntoIterator::into_iter(list.clone()).collect()))
            }
            _ => (quote!(()), quote!(::std::vec::Vec::new())),
        };
        let access = path_access(quote!(&page), path);
        quote! {
            /// Every item of every page, one at a time.
            pub fn items(self) -> ::smithy_runtime::client::ItemStream<#item, #output, crate::error::#error, #token> {
                fn items_of(page: #output) -> ::std::vec::Vec<#item> {
                    match #access {
                        ::std::option::Option::Some(list) => #collect,
                        ::std::option::Option::None => ::std::vec::Vec::new(),
                    }
                }
                ::smithy_runtime::client::ItemStream::new(self.send(), items_of)
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct #name(#fluent);

        impl #name {
            #page_size

            /// The pages, fetched one after another as the stream is read.
            pub fn send(self) -> ::smithy_runtime::client::PageStream<#output, crate::error::#error, #token> {
                let builder = self.0;
                ::smithy_runtime::client::PageStream::new(
                    ::std::boxed::Box::new(move |token| {
                        ::std::boxed::Box::pin(builder.clone().#set_token(token).send())
                    }),
                    |page: &#output| #token_access.cloned(),
                    #is_empty,
                )
            }

            #items
        }
    }
}

fn emit_operation_error_impl(ir: &Ir, op: &Operation) -> TokenStream {
    let error = format_ident!("{}", op.error_name);
    // Only `@retryable` errors need arms; the rest use the trait's default.
    let arms: Vec<TokenStream> = op
        .errors
        .iter()
        .filter_map(|id| {
            let shape = ir.shape(id);
            let NamedKind::Structure { error: Some(info), .. } = &shape.kind else { return None };
            let kind = match info.retryable? {
                true => quote!(Throttling),
                false => quote!(Transient),
            };
            let v = format_ident!("{}", shape.rust_name);
            Some(quote!(Self::#v(_) => ::std::option::Option::Some(::smithy_runtime::client::RetryKind::#kind),))
        })
        .collect();
    let retry_kind = (!arms.is_empty()).then(|| {
        quote! {
            fn retry_kind(&self) -> ::std::option::Option<::smithy_runtime::client::RetryKind> {
                match self {
                    #(#arms)*
                    _ => ::std::option::Option::None,
                }
            }
        }
    });
    // What the protocol reads of an error besides its body.
    let completions: Vec<TokenStream> = op
        .errors
        .iter()
        .filter_map(|id| {
            let shape = ir.shape(id);
            let complete = super::protocol::error_from_response(ir, shape)?;
            let v = format_ident!("{}", shape.rust_name);
            Some(quote! {
                if let Self::#v(error) = &mut error {
                    #complete
                }
            })
        })
        .collect();
    let from_service = if completions.is_empty() {
        quote!(Self::from_service(code, &response.body, meta))
    } else {
        quote! {
            let mut error = Self::from_service(code, &response.body, meta);
            #(#completions)*
            error
        }
    };
    quote! {
        impl ::smithy_runtime::client::OperationError for crate::error::#error {
            fn from_service(code: &str, response: &::smithy_runtime::client::HttpResponse, meta: ::smithy_runtime::error::ErrorMetadata) -> Self {
                #from_service
            }

            #retry_kind
        }
    }
}
