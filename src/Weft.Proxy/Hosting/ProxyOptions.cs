using System.Collections.Immutable;
using System.Globalization;
using Weft.Discovery.Snapshot;
using Weft.Discovery.Telemetry;

namespace Weft.Proxy.Hosting;

/// <summary>
/// Command-line options of weft-proxy. Parsing reports every problem at once, each naming the
/// option, the value and what was expected.
/// </summary>
public sealed record ProxyOptions
{
    public string? DiscoveryAddress { get; init; }
    public string? SnapshotFile { get; init; }
    public string? DataDir { get; init; }
    public string AdminAddress { get; init; } = "127.0.0.1:15000";
    /// <summary>Where /stats/prometheus is served; null: the admin address's IP, port 15090 (a taken default only warns).</summary>
    public string? StatsAddress { get; init; }
    public TimeSpan DrainPeriod { get; init; } = TimeSpan.FromSeconds(5);
    public AccessLogFormat? AccessLogFormat { get; init; }
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;
    public required NodeInfo Node { get; init; }

    /// <summary>Where and how to get the workload certificate (--ca-address and friends); null: no certificate.</summary>
    public Security.Certificates.CertificateOptions? Certificates { get; init; }

    /// <summary>Back-off bounds for reconnecting to the control plane.</summary>
    public TimeSpan ReconnectInitial { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan ReconnectMax { get; init; } = TimeSpan.FromSeconds(30);

    public const string Usage = """
        weft-proxy: the Weft sidecar / gateway proxy.

          --discovery-address URL   control plane push endpoint (e.g. http://127.0.0.1:15012)
          --snapshot-file PATH      serve this snapshot; no control plane (tests, benchmarks)
          --data-dir DIR            keeps the last good snapshot here (served at start if the control plane is down)
          --admin-address IP:PORT   admin endpoint (default 127.0.0.1:15000)
          --stats-address IP:PORT   Prometheus metrics, /stats/prometheus (default: the admin address's IP, port 15090)
          --name NAME               workload name (node metadata)
          --namespace NS            workload namespace (default "default")
          --labels k=v,k=v          workload labels
          --service-account SA      (default "default")
          --address IP              the workload's address
          --kind KIND               VirtualMachine, Container or Process (default Process)
          --mode sidecar|gateway    (default sidecar)
          --drain-seconds N         drain period on shutdown and on listener removal (default 5)
          --access-log-format text|json   override the snapshot's access log format
          --reconnect-initial-ms N, --reconnect-max-ms N   back-off when the control plane is unreachable
          --log-level LEVEL         Trace, Debug, Information, Warning, Error (default Information)
          --inbound PORT=ADDR:PORT  (repeatable) explicit interception: the sidecar owns PORT on --address
                                    and hands what arrives to the application listening at ADDR:PORT
          --interception explicit|transparent   how the app's traffic reaches the sidecar (default explicit)
          --workload-group NAME     the WorkloadGroup (in --namespace) the control plane registers this workload in while connected
        """ + "\n" + Security.Certificates.CertificateOptions.Usage;

    public static (ProxyOptions? Options, IReadOnlyList<string> Errors) Parse(string[] args)
    {
        var errors = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] known = ["--discovery-address", "--snapshot-file", "--data-dir", "--admin-address", "--name", "--namespace",
            "--labels", "--service-account", "--address", "--kind", "--mode", "--drain-seconds", "--access-log-format",
            "--reconnect-initial-ms", "--reconnect-max-ms", "--log-level", "--proxy-version", "--inbound", "--interception", "--workload-group", "--stats-address",
            .. Security.Certificates.CertificateOptions.Flags];
        var inbound = ImmutableArray.CreateBuilder<InboundPortMapping>();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            var eq = a.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = eq > 0 && a.StartsWith("--", StringComparison.Ordinal) ? (a[..eq], a[(eq + 1)..]) : (a, null);
            if (!known.Contains(name))
            {
                errors.Add($"unknown option '{a}'");
                continue;
            }
            if (value is null)
            {
                if (i + 1 >= args.Length)
                {
                    errors.Add($"option '{name}' needs a value");
                    continue;
                }
                value = args[++i];
            }
            if (name == "--inbound")
            {
                if (ParseInbound(value) is { } mapping)
                {
                    if (inbound.Any(x => x.Port == mapping.Port))
                        errors.Add($"option '--inbound' names port {mapping.Port} twice");
                    else
                        inbound.Add(mapping);
                }
                else
                    errors.Add($"cannot parse '{value}' for option '--inbound': expected PORT=APP_ADDRESS:APP_PORT such as 8000=127.0.0.1:18000");
                continue;
            }
            values[name] = value;
        }

        var labels = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (values.TryGetValue("--labels", out var ls))
        {
            foreach (var pair in ls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var kv = pair.Split('=', 2);
                if (kv.Length != 2 || kv[0].Length == 0)
                    errors.Add($"cannot parse label '{pair}' of option '--labels': expected key=value");
                else
                    labels[kv[0]] = kv[1];
            }
        }
        var mode = ProxyMode.Sidecar;
        if (values.TryGetValue("--mode", out var m) && !Enum.TryParse(m, ignoreCase: true, out mode))
            errors.Add($"cannot parse '{m}' for option '--mode': expected sidecar or gateway");
        var interception = InterceptionMode.Explicit;
        if (values.TryGetValue("--interception", out var ic) && !Enum.TryParse(ic, ignoreCase: true, out interception))
            errors.Add($"cannot parse '{ic}' for option '--interception': expected explicit or transparent");
        var drain = Seconds(values, "--drain-seconds", 5, errors);
        AccessLogFormat? format = null;
        if (values.TryGetValue("--access-log-format", out var f))
        {
            if (Enum.TryParse<AccessLogFormat>(f, ignoreCase: true, out var parsed))
                format = parsed;
            else
                errors.Add($"cannot parse '{f}' for option '--access-log-format': expected text or json");
        }
        var level = Microsoft.Extensions.Logging.LogLevel.Information;
        if (values.TryGetValue("--log-level", out var lv) && !Enum.TryParse(lv, ignoreCase: true, out level))
            errors.Add($"cannot parse '{lv}' for option '--log-level': expected Trace, Debug, Information, Warning or Error");
        if (values.TryGetValue("--discovery-address", out var da) && !Uri.TryCreate(da, UriKind.Absolute, out _))
            errors.Add($"cannot parse '{da}' for option '--discovery-address': expected an absolute URL such as http://127.0.0.1:15012");
        if (values.TryGetValue("--admin-address", out var aa) && !System.Net.IPEndPoint.TryParse(aa, out _))
            errors.Add($"cannot parse '{aa}' for option '--admin-address': expected IP:PORT such as 127.0.0.1:15000");
        if (values.TryGetValue("--stats-address", out var sa) && !System.Net.IPEndPoint.TryParse(sa, out _))
            errors.Add($"cannot parse '{sa}' for option '--stats-address': expected IP:PORT such as 127.0.0.1:15090");
        if (!values.ContainsKey("--discovery-address") && !values.ContainsKey("--snapshot-file"))
            errors.Add("one of '--discovery-address' or '--snapshot-file' is required");
        var initial = Milliseconds(values, "--reconnect-initial-ms", 500, errors);
        var max = Milliseconds(values, "--reconnect-max-ms", 30000, errors);
        var certificates = Security.Certificates.CertificateOptions.Parse(values, errors);
        if (errors.Count > 0)
            return (null, errors);
        return (new ProxyOptions
        {
            DiscoveryAddress = values.GetValueOrDefault("--discovery-address"),
            SnapshotFile = values.GetValueOrDefault("--snapshot-file"),
            DataDir = values.GetValueOrDefault("--data-dir"),
            AdminAddress = values.GetValueOrDefault("--admin-address") ?? "127.0.0.1:15000",
            StatsAddress = values.GetValueOrDefault("--stats-address"),
            DrainPeriod = drain,
            AccessLogFormat = format,
            LogLevel = level,
            ReconnectInitial = initial,
            ReconnectMax = max,
            Certificates = certificates,
            Node = new NodeInfo
            {
                Name = values.GetValueOrDefault("--name") ?? Environment.MachineName,
                Namespace = values.GetValueOrDefault("--namespace") ?? "default",
                Labels = labels.ToImmutable(),
                ServiceAccount = values.GetValueOrDefault("--service-account") ?? "default",
                Address = values.GetValueOrDefault("--address"),
                Kind = values.GetValueOrDefault("--kind") ?? "Process",
                Mode = mode,
                ProxyVersion = values.GetValueOrDefault("--proxy-version") ?? typeof(ProxyOptions).Assembly.GetName().Version?.ToString() ?? "",
                AdminAddress = values.GetValueOrDefault("--admin-address") ?? "127.0.0.1:15000",
                Interception = interception,
                InboundPorts = inbound.ToImmutable(),
                WorkloadGroup = values.GetValueOrDefault("--workload-group"),
            },
        }, errors);
    }

    private static InboundPortMapping? ParseInbound(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || !int.TryParse(text[..eq], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            return null;
        if (!System.Net.IPEndPoint.TryParse(text[(eq + 1)..], out var app) || app.Port == 0)
            return null;
        return new InboundPortMapping(port, app.Address.ToString(), app.Port);
    }

    private static TimeSpan Seconds(Dictionary<string, string> values, string name, double fallback, List<string> errors)
    {
        if (!values.TryGetValue(name, out var s))
            return TimeSpan.FromSeconds(fallback);
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0)
            return TimeSpan.FromSeconds(v);
        errors.Add($"cannot parse '{s}' for option '{name}': expected a number of seconds, 0 or more");
        return TimeSpan.Zero;
    }

    private static TimeSpan Milliseconds(Dictionary<string, string> values, string name, int fallback, List<string> errors)
    {
        if (!values.TryGetValue(name, out var s))
            return TimeSpan.FromMilliseconds(fallback);
        if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0)
            return TimeSpan.FromMilliseconds(v);
        errors.Add($"cannot parse '{s}' for option '{name}': expected a whole number of milliseconds, more than 0");
        return TimeSpan.Zero;
    }
}
