using System.Globalization;
using System.Net;

namespace Weft.ControlPlane.Hosting;

/// <summary>The result of reading weftd's command line: options, or every error found, or a request for help.</summary>
public sealed record WeftdCommandLine(WeftServerOptions? Options, IReadOnlyList<string> Errors, bool Help)
{
    public const string Usage = """
        Usage: weftd [--data-dir DIR] [--listen ADDR:PORT] [--discovery-listen ADDR:PORT] [--watch-history REVISIONS]
                     [--cacerts DIR] [--ca-kek-file FILE] [--deploy-gateways] [--workload-grace S]
                     [--insecure-discovery-listen ADDR:PORT] [--exit-with PID]
                     [--prometheus-url URL] [--service-cluster-ip-range CIDR]

        The Weft control plane: config store, admission and the Kubernetes-style REST API.

        Options:
          --data-dir DIR             Where the API token, the store and the lock live
                                     (default: $HOME/.weft/data; created with mode 0700).
          --listen ADDR:PORT         Where the REST API listens (default: 127.0.0.1:20001).
                                     Nothing listens beyond loopback unless an address is given:
                                     ":PORT" is loopback, "0.0.0.0:PORT" every interface.
                                     Port 0 picks a free port; the ready line names it.
          --discovery-listen ADDR:PORT
                                     weftd's TLS port (TLS 1.3; default: 127.0.0.1:15012), as
                                     Istio's 15012: proxies get their config over it with their
                                     workload certificate, each only its own identity's, and
                                     VMs get and renew certificates there (bootstrap tokens).
                                     Port 0 picks a free port, named in the log line
                                     "Discovery and certificates (TLS 1.3 ...) listening on".
                                     When the default port is taken weftd warns and serves the
                                     REST API only.
          --ca-listen ADDR:PORT      The older name of --discovery-listen (certificates and
                                     discovery share the one TLS port).
          --insecure-discovery-listen ADDR:PORT
                                     Also serve config to proxies in plaintext (h2c), with no
                                     authentication, to any proxy asking for any identity:
                                     for development and tests only; logged as a warning.
                                     Off by default.
          --watch-history REVISIONS  Revisions of change history kept for watches (default: 10000);
                                     a watch from an older resourceVersion gets 410 Gone.
          --cacerts DIR              Plug in a CA from Istio's cacerts layout (ca-cert.pem,
                                     ca-key.pem, root-cert.pem, cert-chain.pem) instead of the
                                     root weftd generates on first start.
          --ca-kek-file FILE         The key-encryption key sealing the CA key at rest (default:
                                     $CREDENTIALS_DIRECTORY/weft-ca-kek under systemd, else
                                     DATA_DIR/ca/kek, created 0600).
          --deploy-gateways          Run a gateway proxy (weft-proxy --mode gateway) for every
                                     Gateway API Gateway of class istio or weft that no gateway
                                     workload runs, on its IPAddress address or a loopback one,
                                     as Istio's automated deployment does.
          --workload-grace SECONDS   How long an auto-registered WorkloadEntry outlives its
                                     proxy's push stream (default 10, as Istio).
          --exit-with PID            Stop gracefully once process PID has exited (`weft demo`
                                     passes its own: a demo killed outright leaves no control
                                     plane behind).
          --prometheus-url URL       A Prometheus that scrapes the mesh (through weftd's service
                                     discovery, /apis/weft.io/v1/prometheus/targets): the
                                     console's graph and metrics are then answered from it with
                                     PromQL, so windows up to 1h and more work, as Kiali reads
                                     Prometheus. Default: weftd's own scrapes (up to 1 hour).
          --service-cluster-ip-range CIDR
                                     Where a Service created without spec.clusterIP gets one,
                                     as kube-apiserver's option (default: 10.96.0.0/12, an IPv4
                                     block from a /12 to a /29). Every sidecar's DNS proxy
                                     answers it for the Service's names.
          -h, --help                 Show this help.

        When ready, weftd prints one line to stdout: "weftd listening on http://ADDR:PORT".
        Logs go to stderr. SIGTERM or Ctrl-C stops it gracefully.
        """;

    /// <summary>Reads the arguments; <paramref name="home"/> is $HOME, for the default data directory.</summary>
    public static WeftdCommandLine Parse(IReadOnlyList<string> args, string? home)
    {
        var errors = new List<string>();
        string? dataDir = null;
        var listen = new IPEndPoint(IPAddress.Loopback, WeftServerOptions.DefaultPort);
        long history = 10_000;
        IPEndPoint? insecureDiscovery = null;
        // --discovery-listen and its older name --ca-listen name one port: which was given, for the errors.
        string? tlsFlag = null;
        var deployGateways = false;
        var workloadGrace = Workloads.WorkloadAutoRegistration.DefaultGrace;
        int? exitWith = null;
        Uri? prometheusUrl = null;
        var clusterIPRange = ClusterIPs.ClusterIPRange.Default;
        var ca = new Ca.CaOptions { Listen = new IPEndPoint(IPAddress.Loopback, WeftServerOptions.DefaultDiscoveryPort) };
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }
            string? Value()
            {
                if (inline is not null)
                    return inline;
                if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    return args[++i];
                errors.Add($"option {arg} needs a value");
                return null;
            }
            switch (arg)
            {
                case "-h" or "--help":
                    return new WeftdCommandLine(null, [], Help: true);
                case "--data-dir":
                    if (Value() is { } d)
                    {
                        if (d.Length == 0)
                            errors.Add("--data-dir: the directory may not be empty");
                        else
                            dataDir = d;
                    }
                    break;
                case "--listen":
                    if (Value() is { } l)
                    {
                        if (ParseEndpoint(l, out var error) is { } endpoint)
                            listen = endpoint;
                        else
                            errors.Add($"--listen: \"{l}\" {error}");
                    }
                    break;
                case "--discovery-listen" or "--ca-listen":
                    if (Value() is { } dl)
                    {
                        if (ParseEndpoint(dl, out var error) is not { } endpoint)
                            errors.Add($"{arg}: \"{dl}\" {error}");
                        else if (tlsFlag is not null && tlsFlag != arg && !endpoint.Equals(ca.Listen))
                            errors.Add($"{arg}: \"{dl}\" differs from {tlsFlag} {ca.Listen}: discovery and the certificate endpoint share weftd's one TLS port now; give --discovery-listen only");
                        else
                        {
                            ca = ca with { Listen = endpoint, ListenExplicit = true };
                            tlsFlag = arg;
                        }
                    }
                    break;
                case "--insecure-discovery-listen":
                    if (Value() is { } il)
                    {
                        if (ParseEndpoint(il, out var error) is { } endpoint)
                            insecureDiscovery = endpoint;
                        else
                            errors.Add($"--insecure-discovery-listen: \"{il}\" {error}");
                    }
                    break;
                case "--cacerts":
                    if (Value() is { } cc)
                    {
                        if (!Directory.Exists(cc))
                            errors.Add($"--cacerts: \"{cc}\" is not a directory (it holds ca-cert.pem, ca-key.pem, root-cert.pem and cert-chain.pem)");
                        else
                            ca = ca with { CaCertsDir = Path.GetFullPath(cc) };
                    }
                    break;
                case "--ca-kek-file":
                    if (Value() is { } kf)
                    {
                        if (kf.Length == 0)
                            errors.Add("--ca-kek-file: the file may not be empty");
                        else
                            ca = ca with { KekFile = Path.GetFullPath(kf) };
                    }
                    break;
                case "--deploy-gateways":
                    deployGateways = true;
                    break;
                case "--workload-grace":
                    if (Value() is { } wg)
                    {
                        if (int.TryParse(wg, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds >= 1)
                            workloadGrace = TimeSpan.FromSeconds(seconds);
                        else
                            errors.Add($"--workload-grace: \"{wg}\" is not a number of seconds (a whole number, at least 1)");
                    }
                    break;
                case "--exit-with":
                    if (Value() is { } pid)
                    {
                        if (int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1)
                            exitWith = p;
                        else
                            errors.Add($"--exit-with: \"{pid}\" is not a process id (a whole number, at least 1)");
                    }
                    break;
                case "--prometheus-url":
                    if (Value() is { } pu)
                    {
                        if (Uri.TryCreate(pu, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && u.Query.Length == 0)
                            prometheusUrl = u.AbsolutePath.EndsWith('/') ? u : new Uri(u + "/");
                        else
                            errors.Add($"--prometheus-url: \"{pu}\" is not an http:// or https:// address of a Prometheus (for example http://127.0.0.1:9090)");
                    }
                    break;
                case "--service-cluster-ip-range":
                    if (Value() is { } cidr)
                    {
                        if (ClusterIPs.ClusterIPRange.Parse(cidr, out var rangeError) is { } parsed)
                            clusterIPRange = parsed;
                        else
                            errors.Add($"--service-cluster-ip-range: {rangeError}");
                    }
                    break;
                case "--watch-history":
                    if (Value() is { } h)
                    {
                        if (long.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
                            history = n;
                        else
                            errors.Add($"--watch-history: \"{h}\" is not a number of revisions (a whole number, at least 1)");
                    }
                    break;
                default:
                    errors.Add(arg.StartsWith('-') ? $"unknown option {arg}" : $"unexpected argument \"{arg}\" (weftd takes options only)");
                    break;
            }
        }
        if (dataDir is null)
        {
            if (string.IsNullOrEmpty(home))
                errors.Add("HOME is not set, so there is no default data directory ($HOME/.weft/data); pass --data-dir DIR");
            else
                dataDir = Path.Combine(home, ".weft", "data");
        }
        if (errors.Count > 0)
            return new WeftdCommandLine(null, errors, Help: false);
        return new WeftdCommandLine(new WeftServerOptions
        {
            DataDir = Path.GetFullPath(dataDir!),
            Listen = listen,
            WatchHistory = history,
            InsecureDiscoveryListen = insecureDiscovery,
            Ca = ca,
            DeployGateways = deployGateways,
            WorkloadGrace = workloadGrace,
            ExitWithPid = exitWith,
            PrometheusUrl = prometheusUrl,
            ServiceClusterIPRange = clusterIPRange,
        }, [], Help: false);
    }

    /// <summary>ADDR:PORT, [IPv6]:PORT, localhost:PORT or :PORT (loopback).</summary>
    public static IPEndPoint? ParseEndpoint(string text, out string? error)
    {
        error = null;
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            error = "is not ADDR:PORT (for example 127.0.0.1:20001, [::1]:20001 or :20001)";
            return null;
        }
        var host = text[..colon];
        var portText = text[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"has no valid port: \"{portText}\" is not a number from 0 to 65535";
            return null;
        }
        if (host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        IPAddress? address;
        if (host.Length == 0 || host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(host, out address) || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !text.StartsWith('[')))
        {
            error = $"has no valid address: \"{host}\" is not an IP address (use 127.0.0.1, 0.0.0.0, [::1], localhost or nothing for loopback)";
            return null;
        }
        return new IPEndPoint(address, port);
    }
}
