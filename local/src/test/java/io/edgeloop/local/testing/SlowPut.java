package io.edgeloop.local.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.edgeloop.local.infra.S3Clients;
import io.edgeloop.local.infra.S3Credentials;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * An S3 PUT sent in two steps over a raw connection (a presigned URL, so nothing needs the whole body first):
 * the headers and the first bytes, then the rest or nothing. What a server sees when a client, or the server
 * itself, stops in the middle of an upload.
 */
public final class SlowPut implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final byte[] content;
    private final int sent;

    private SlowPut(Socket socket, byte[] content, int sent) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.content = content;
        this.sent = sent;
    }

    /** Sends the request headers (Content-Length of the whole content) and the first {@code sent} bytes. */
    public static SlowPut start(String endpoint, S3Credentials credentials, String bucket, String key, byte[] content,
            int sent) throws IOException {
        URL url;
        try (S3Presigner presigner = S3Clients.presigner(endpoint, credentials, "us-east-1")) {
            url = presigner.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(10))
                    .putObjectRequest(r -> r.bucket(bucket).key(key))).url();
        }
        Socket socket = new Socket(url.getHost(), url.getPort());
        SlowPut put = new SlowPut(socket, content, sent);
        put.out.write(("PUT " + url.getFile() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Length: " + content.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        put.out.write(content, 0, sent);
        put.out.flush();
        return put;
    }

    /** Sends the rest and returns the status line of the answer. */
    public String finish() throws IOException {
        out.write(content, sent, content.length - sent);
        out.flush();
        byte[] answer = socket.getInputStream().readAllBytes();
        String text = new String(answer, StandardCharsets.US_ASCII);
        return text.substring(0, Math.max(0, text.indexOf('\r')));
    }

    /** Drops the connection without sending the rest: the client is gone. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
