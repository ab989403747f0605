/** The routes the index page lists, with what each does. */
const LINKS: ReadonlyArray<readonly [string, string]> = [
  [
    "/add",
    "Add a message to the outbox: from, to, subject, text or html (cc, bcc, reply_to, headers)",
  ],
  ["/status", "How many messages are queued, sent, failed, and in the outbox"],
  ["/quota", "The SES sending quota: max-24h-send, sent-last-24h, max-send-rate"],
  ["/statistics", "The SES sending statistics of the last two weeks"],
  ["/verify", "The verified email addresses"],
  ["/verify/add", "Verify an email address: email"],
  ["/verify/del", "Remove a verified email address: email"],
];

/** The original's index page: a small HTML page of links to the routes. */
export const INDEX_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>AsyncSES</title></head>
<body>
<h1>AsyncSES</h1>
<p>Every route takes GET and POST (query string, form or JSON body). When API keys are set,
send <code>Authorization: Bearer &lt;key&gt;</code> or add <code>key=&lt;key&gt;</code> to the link.</p>
<ul>
${LINKS.map(([href, what]) => `<li><a href="${href}">${href}</a> &mdash; ${what}</li>`).join("\n")}
</ul>
</body>
</html>
`;
