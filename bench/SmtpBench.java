import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import dev.ridgeline.connections.ProviderAccount;
import dev.ridgeline.connections.SecretValue;
import dev.ridgeline.outreach.EmailEnvelope;
import dev.ridgeline.outreach.provider.smtp.SmtpEmailProvider;
import dev.ridgeline.platform.TenantId;

/** See bench/email-smtp.sh. Prints a table of messages/s, medians of three rounds per way of sending. */
public class SmtpBench {

    public static void main(String[] args) throws Exception {
        int messages = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        ServerSetup smtp = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort();
        GreenMail greenMail = new GreenMail(smtp);
        greenMail.start();
        int port = greenMail.getSmtp().getPort();
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> settings = Map.of("host", "127.0.0.1", "port", String.valueOf(port), "security", "NONE",
                "fromAddress", "office@acme.test", "fromName", "Acme Roofing");
        Map<String, String> dkimSettings = new java.util.HashMap<>(settings);
        dkimSettings.putAll(Map.of("dkimDomain", "acme.test", "dkimSelector", "s1"));
        TenantId tenant = new TenantId(UUID.randomUUID());
        ProviderAccount signed = new ProviderAccount(tenant, UUID.randomUUID(), "smtp", dkimSettings,
                name -> "dkimPrivateKey".equals(name) ? Optional.of(new SecretValue(pem)) : Optional.empty());
        ProviderAccount plain = new ProviderAccount(tenant, UUID.randomUUID(), "smtp", settings, name -> Optional.empty());
        SmtpEmailProvider provider = new SmtpEmailProvider();
        String body = "Hi Pat,\n\nThe hail on June 12 (1.75 in) passed 0.4 mi from your home. We are inspecting roofs "
                + "on your street this week, free of charge.\n\nReply to pick a time.\n\n--\nAcme Roofing LLC, 12 Main St, "
                + "Nashville, TN 37203\nTo stop emails from Acme Roofing, open https://acme.test/u/abc\n";
        Map<String, String> headers = Map.of("List-Unsubscribe", "<https://acme.test/u/abc>, <mailto:office@acme.test"
                + "?subject=unsubscribe-abc>", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        Session session = Session.getInstance(props);

        Way ridgelineDkim = i -> provider.send(new EmailEnvelope(UUID.randomUUID(), "office@acme.test", "Acme Roofing",
                "homeowner" + i + "@example.com", "Hail on your street", body, headers), signed);
        Way ridgelinePlain = i -> provider.send(new EmailEnvelope(UUID.randomUUID(), "office@acme.test", "Acme Roofing",
                "homeowner" + i + "@example.com", "Hail on your street", body, headers), plain);
        Way bare = i -> {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("office@acme.test", "Acme Roofing"));
            m.setRecipients(Message.RecipientType.TO, "homeowner" + i + "@example.com");
            m.setSubject("Hail on your street", "UTF-8");
            m.setText(body, "UTF-8");
            headers.forEach((k, v) -> {
                try {
                    m.setHeader(k, v);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Transport.send(m);
        };
        // Warm up every path, then three rounds of each, interleaved.
        run(bare, 200, threads);
        run(ridgelinePlain, 200, threads);
        run(ridgelineDkim, 200, threads);
        List<Double> bareRates = new ArrayList<>();
        List<Double> plainRates = new ArrayList<>();
        List<Double> dkimRates = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            bareRates.add(run(bare, messages, threads));
            plainRates.add(run(ridgelinePlain, messages, threads));
            dkimRates.add(run(ridgelineDkim, messages, threads));
            greenMail.purgeEmailFromAllMailboxes();
        }
        greenMail.stop();
        System.out.printf("%nSMTP to GreenMail on this machine (%d cores), %d messages a round, %d threads, "
                + "a new connection per message%n%n", Runtime.getRuntime().availableProcessors(), messages, threads);
        System.out.println("| way of sending | messages/s (median of 3) | ratio to bare Jakarta Mail |");
        System.out.println("|---|---|---|");
        double b = median(bareRates);
        row("baseline: bare Jakarta Mail Transport.send", b, b);
        row("Ridgeline SMTP adapter, unsigned", median(plainRates), b);
        row("Ridgeline SMTP adapter, DKIM rsa-sha256 2048-bit", median(dkimRates), b);
    }

    interface Way {
        void send(int i) throws Exception;
    }

    static double run(Way way, int messages, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
                    way.send(i);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return messages / ((System.nanoTime() - start) / 1e9);
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    static void row(String what, double rate, double base) {
        System.out.printf("| %s | %.0f | %.2f |%n", what, rate, rate / base);
    }
}
