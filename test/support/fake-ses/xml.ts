// SES v1 XML replies, built by template with escaping. Shapes follow the AWS query protocol:
//   <XResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">
//     <XResult>...</XResult>
//     <ResponseMetadata><RequestId>..</RequestId></ResponseMetadata>
//   </XResponse>
// and for errors:
//   <ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">
//     <Error><Type>Sender</Type><Code>..</Code><Message>..</Message></Error>
//     <RequestId>..</RequestId>
//   </ErrorResponse>

export const SES_NAMESPACE = "http://ses.amazonaws.com/doc/2010-12-01/";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** `<name>escaped value</name>`. */
export function element(name: string, value: string | number): string {
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `<name><member>..</member>...</name>` for a list of strings. */
export function memberElements(name: string, values: readonly string[]): string {
  if (values.length === 0) return `<${name}/>`;
  let inner = "";
  for (const value of values) inner += element("member", value);
  return `<${name}>${inner}</${name}>`;
}

/** A successful reply for `action`; `resultXml` is the already-built inside of `<ActionResult>`. */
export function successXml(action: string, resultXml: string, requestId: string): string {
  const result =
    resultXml === "" ? `<${action}Result/>` : `<${action}Result>${resultXml}</${action}Result>`;
  return (
    `<${action}Response xmlns="${SES_NAMESPACE}">${result}` +
    `<ResponseMetadata>${element("RequestId", requestId)}</ResponseMetadata></${action}Response>`
  );
}

export function errorXml(
  type: "Sender" | "Receiver",
  code: string,
  message: string,
  requestId: string,
): string {
  return (
    `<ErrorResponse xmlns="${SES_NAMESPACE}"><Error>${element("Type", type)}` +
    `${element("Code", code)}${element("Message", message)}</Error>` +
    `${element("RequestId", requestId)}</ErrorResponse>`
  );
}
