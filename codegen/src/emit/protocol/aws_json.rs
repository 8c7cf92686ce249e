//! awsJson 1.0 and 1.1: every operation is a `POST /` naming itself in
//! `X-Amz-Target` with the input's JSON as the body, which the runtime
//! does; the generated code only names the operation.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Operation;

/// The expression a fluent builder's `send` ends with: `input` (a
/// reference to what the body serialises) sent with `options`, if any.
pub fn client_call(op: &Operation, input: TokenStream, options: Option<&TokenStream>) -> TokenStream {
    let op_name = &op.name;
    let (method, options) = match options {
        Some(options) => (quote!(call_with), quote!(, #options)),
        None => (quote!(call), quote!()),
    };
    match &op.output {
        Some(_) => quote!(sender.#method(#op_name, #input #options).await),
        None => quote! {
            sender
                .#method::<_, ::smithy_runtime::union::Unit>(#op_name, #input #options)
                .await
                .map(|_| ())
        },
    }
}

/// The dispatch arm of an operation: the runtime reads the body as `input`.
pub fn dispatch_arm(op: &Operation, input: &TokenStream, validation: &TokenStream, call: &TokenStream) -> TokenStream {
    let name = &op.name;
    quote! {
        #name => ::smithy_runtime::server::operation(
            request,
            context,
            protocol,
            #validation,
            move |input: #input, context| async move { #call },
        ),
    }
}
