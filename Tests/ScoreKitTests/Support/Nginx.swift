import Foundation

/// Debian's nginx (nginx-light, installed by `Tests/test-deps.sh`) on a free loopback port, as the test user, with a
/// generated configuration in a temporary directory: pid file, logs and temporary paths all inside it. It runs
/// in the foreground as one process (`daemon off`, `master_process off`), a child of the test, killed by its
/// process id when the test ends.
///
/// Locations, each a prefix to put in `--endpoint`:
/// - `/basic`: `auth_basic` (demo-client:demo-secret, htpasswd made with `openssl passwd -apr1`) over the static
///   IELTS answer at `v1/ielts/result-verification` and a TOEFL one at `scores`;
/// - `/gzip`: the same behind `gzip on` for application/json (compressed on the fly, chunked: no Content-Length);
/// - `/gzip-static`: the same precompressed (`gzip_static always`: Content-Length of the compressed file);
/// - `/challenge`: `return 401` with `WWW-Authenticate: Basic`, whatever the credentials;
/// - `/toefl`: 401 with `WWW-Authenticate` unless the `authcode` header is the seed's test code;
/// - `/html`: a 200 HTML maintenance page; `/proxy`: 407; `/notimpl`: 501; anything else: nginx's 404.
final class Nginx {
    static let binary = "/usr/sbin/nginx"
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    let directory: URL
    /// Listen on [::1] only, so that a request that arrives proves it came over IPv6.
    let ipv6Only: Bool
    private(set) var port = 0
    private var process: Process?

    init(ipv6Only: Bool = false) throws {
        self.ipv6Only = ipv6Only
        directory = try temporaryDirectory()
        try makeSite()
        var lastError = ""
        for _ in 0..<5 {
            port = try Self.freePort()
            try config().write(to: directory.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.binary)
            process.arguments = [
                "-p", directory.path + "/", "-c", directory.appendingPathComponent("nginx.conf").path,
                "-e", directory.appendingPathComponent("error.log").path,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            self.process = process
            if waitUntilListening(process) { return }
            stop()
            lastError = (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
        }
        throw Tool.Failed(description: "nginx did not start: \(lastError)")
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// `http://127.0.0.1:PORT/prefix` (or `[::1]`).
    func endpoint(_ prefix: String, host: String = "127.0.0.1") -> String { "http://\(host):\(port)/\(prefix)" }

    /// The request lines nginx logged (method, path and query, status).
    var accessLog: [String] {
        let text = (try? String(contentsOf: directory.appendingPathComponent("access.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    func stop() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    private func makeSite() throws {
        let www = directory.appendingPathComponent("www")
        let ielts = try Data(contentsOf: Paths.fixtures.appendingPathComponent("cases/ielts-api-response/input.json"))
        let toefl = try Data(contentsOf: Paths.fixtures.appendingPathComponent("sandbox/toefl-scores.json"))
        for prefix in ["basic", "gzip", "gzip-static", "challenge", "toefl"] {
            let folder = www.appendingPathComponent("\(prefix)/v1/ielts")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try ielts.write(to: folder.appendingPathComponent("result-verification"))
            try toefl.write(to: www.appendingPathComponent("\(prefix)/scores"))
        }
        for file in ["v1/ielts/result-verification", "scores"] {
            _ = try Tool.run("gzip", ["-k", "-9", www.appendingPathComponent("gzip-static/\(file)").path])
        }
        for name in ["tmp", "logs"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        let hash = try Tool.run("openssl", ["passwd", "-apr1", "demo-secret"]).trimmingCharacters(
            in: .whitespacesAndNewlines)
        try "demo-client:\(hash)\n".write(
            to: directory.appendingPathComponent("htpasswd"), atomically: true, encoding: .utf8)
    }

    private func config() -> String {
        let dir = directory.path
        // As root, nginx would switch to `nobody`, who cannot read the temporary directory: stay the test user.
        let user = geteuid() == 0 ? "user root;" : ""
        let auth = "auth_basic \"IELTS Results Service\"; auth_basic_user_file \(dir)/htpasswd;"
        let authcode = Sandbox.toeflEnvironment["TOEFL_AUTHCODE"] ?? ""
        return """
            daemon off;
            master_process off;
            worker_processes 1;
            \(user)
            pid \(dir)/nginx.pid;
            error_log \(dir)/error.log warn;
            events { worker_connections 64; }
            http {
                log_format scoreimport '$remote_addr $request $status encoding=$sent_http_content_encoding length=$sent_http_content_length ua=$http_user_agent';
                access_log \(dir)/access.log scoreimport;
                client_body_temp_path \(dir)/tmp/body;
                proxy_temp_path \(dir)/tmp/proxy;
                fastcgi_temp_path \(dir)/tmp/fastcgi;
                uwsgi_temp_path \(dir)/tmp/uwsgi;
                scgi_temp_path \(dir)/tmp/scgi;
                types { application/json json; }
                default_type application/json;
                server {
                    \(ipv6Only ? "" : "listen 127.0.0.1:\(port);")
                    listen [::1]:\(port);
                    root \(dir)/www;
                    location /basic/ { \(auth) }
                    location /gzip/ { \(auth) gzip on; gzip_types application/json; gzip_min_length 1; }
                    location /gzip-static/ { \(auth) gzip_static always; }
                    location /challenge/ {
                        add_header WWW-Authenticate 'Basic realm="IELTS Results Service"' always;
                        return 401;
                    }
                    location /toefl/ {
                        if ($http_authcode != "\(authcode)") {
                            add_header WWW-Authenticate 'Basic realm="TOEFL Access"' always;
                            return 401;
                        }
                    }
                    location /html/ {
                        default_type text/html;
                        return 200 "<html><head><title>Scheduled maintenance</title></head><body>Back soon</body></html>";
                    }
                    location /proxy/ {
                        add_header Proxy-Authenticate 'Basic realm="proxy"' always;
                        return 407;
                    }
                    location /notimpl/ { return 501; }
                }
            }

            """
    }

    /// A port nothing listens on now (the kernel's pick for port 0; nginx may lose a race for it, then we retry).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { throw Tool.Failed(description: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits up to 5 s for the pid file, which nginx writes once its sockets listen; false if it exited first.
    private func waitUntilListening(_ process: Process) -> Bool {
        let pidFile = directory.appendingPathComponent("nginx.pid").path
        for _ in 0..<100 {
            guard process.isRunning else { return false }
            if FileManager.default.fileExists(atPath: pidFile) { return true }
            usleep(50_000)
        }
        return false
    }
}
