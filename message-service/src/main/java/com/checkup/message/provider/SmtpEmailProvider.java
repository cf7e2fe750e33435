package com.checkup.message.provider;

import com.checkup.message.app.Contacts;
import com.checkup.message.domain.Delivery;
import com.checkup.message.domain.Message;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * E-mail over SMTP (Jakarta Mail; server, port, credentials, STARTTLS/SSL and timeouts are {@code spring.mail.*}), to
 * the address {@link Contacts} knows. An e-mail template's first line is the subject, the rest the text; both UTF-8.
 * The Message-ID is derived from our message id, so a resent message can be recognised as the same one.
 *
 * <p>The server's answer decides: accepted records its last reply (e.g. {@code 250 OK}) and the Message-ID; a
 * permanent (5xx) refusal of the address, sender or message, a malformed address or failed authentication is a
 * rejection (dead letter at once); a 4xx, a timeout or an unreachable server is a failure tried again later.
 */
public final class SmtpEmailProvider implements MessageProvider {
    public static final String NAME = "smtp";
    private static final Logger log = LoggerFactory.getLogger(SmtpEmailProvider.class);

    private final JavaMailSenderImpl mail;
    private final InternetAddress from;
    private final String messageIdDomain;
    private final Contacts contacts;

    public SmtpEmailProvider(JavaMailSenderImpl mail, InternetAddress from, Contacts contacts) {
        this.mail = mail;
        this.from = from;
        this.messageIdDomain = from.getAddress().substring(from.getAddress().indexOf('@') + 1);
        this.contacts = contacts;
    }

    @Override
    public Delivery send(Message m) throws Exception {
        String to = contacts.email(m).orElseThrow(() -> new DeliveryRejected("No e-mail address for " + m.recipient(),
                Delivery.rejected(NAME, "NO_ADDRESS", null)));
        String messageId = "<" + m.id() + "@" + messageIdDomain + ">";
        MimeMessage mime;
        try {
            mime = mime(m, to, messageId);
        } catch (AddressException e) {
            throw new DeliveryRejected("Malformed e-mail address " + mask(to), Delivery.rejected(NAME, "BAD_ADDRESS", null));
        }
        Transport transport = mail.getSession().getTransport(mail.getProtocol() == null ? "smtp" : mail.getProtocol());
        try {
            transport.connect(mail.getHost(), mail.getPort(), mail.getUsername(), mail.getPassword());
            transport.sendMessage(mime, mime.getAllRecipients());
            String reply = transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : null;
            log.info("{} accepted by SMTP for {}: {}", m.id(), mask(to), reply);
            return Delivery.accepted(NAME, replyCode(reply), messageId);
        } catch (AuthenticationFailedException e) {
            throw new DeliveryRejected("SMTP authentication failed: " + e.getMessage(), Delivery.rejected(NAME, "AUTH", messageId));
        } catch (MessagingException e) {
            int code = returnCode(e);
            String why = "SMTP " + (code > 0 ? code + " " : "") + describe(e, to);
            if (code >= 500) {
                throw new DeliveryRejected(why, Delivery.rejected(NAME, Integer.toString(code), messageId));
            }
            throw new DeliveryFailed(why, Delivery.failed(NAME, code > 0 ? Integer.toString(code) : "UNREACHABLE", messageId), e);
        } finally {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the message's outcome is already decided
            }
        }
    }

    private MimeMessage mime(Message m, String to, String messageId) throws MessagingException {
        String text = m.body();
        int nl = text.indexOf('\n');
        String subject = (nl < 0 ? text : text.substring(0, nl)).strip();
        String content = nl < 0 ? text : text.substring(nl + 1).strip();
        MimeMessage mime = new MimeMessage(mail.getSession()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId); // ours, not a random one: a resend is the same message
            }
        };
        mime.setFrom(from);
        mime.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to, true));
        mime.setSubject(subject, StandardCharsets.UTF_8.name());
        mime.setText(content, StandardCharsets.UTF_8.name());
        mime.setSentDate(new Date());
        mime.saveChanges();
        return mime;
    }

    /** The SMTP reply code of a refusal (the first one a nested exception carries), 0 when there is none. */
    static int returnCode(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (t instanceof SMTPSenderFailedException s) {
                return s.getReturnCode();
            }
            if (t instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
        }
        return 0;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException me && me.getNextException() != null && me.getNextException() != t) {
            return me.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String replyCode(String reply) {
        return reply != null && reply.length() >= 3 ? reply.substring(0, 3) : null;
    }

    /** A refusal as we keep it: the server's words, with the address masked. */
    private static String describe(MessagingException e, String to) {
        String s = e instanceof SendFailedException && e.getNextException() != null ? e.getNextException().getMessage() : e.getMessage();
        if (s == null) {
            s = e.getClass().getSimpleName();
        }
        Throwable root = e.getCause() != null ? e.getCause() : e.getNextException();
        if (root != null && !(root instanceof MessagingException)) {
            s = s + " (" + root.getClass().getSimpleName() + ")";
        }
        return s.replace(to, mask(to));
    }

    /** {@code z***@example.com}: enough to tell addresses apart in a log, not to write to one. */
    public static String mask(String address) {
        int at = address == null ? -1 : address.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(at);
    }
}
