/** Bounds on what one message may carry. */
export interface MailLimits {
  /** Recipients per message (to + cc + bcc); SES allows 50. */
  readonly maxRecipients: number;
  /** Bytes of one message after MIME encoding; SES v1 allows 10 MB. */
  readonly maxMessageBytes: number;
  /** Attachments per message. */
  readonly maxAttachments: number;
  /** Bytes of one attachment, before encoding. */
  readonly maxAttachmentBytes: number;
  /** Extra headers per message. */
  readonly maxHeaders: number;
  /** Characters of one header's name plus value. */
  readonly maxHeaderLength: number;
  /** Characters of the subject. */
  readonly maxSubjectLength: number;
}

/** The defaults: SES's own limits where it has them. */
export const DEFAULT_MAIL_LIMITS: MailLimits = Object.freeze({
  maxRecipients: 50,
  maxMessageBytes: 10 * 1024 * 1024,
  maxAttachments: 100,
  maxAttachmentBytes: 10 * 1024 * 1024,
  maxHeaders: 50,
  maxHeaderLength: 998,
  maxSubjectLength: 998,
});
