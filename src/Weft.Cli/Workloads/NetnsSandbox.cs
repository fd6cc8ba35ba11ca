using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Weft.Cli.Workloads;

/// <summary>
/// <c>weft workload run --isolation netns</c>: the workload gets a network namespace of its own
/// (<c>weft-NS-NAME</c>), a veth pair to the bridge <c>weft0</c> (10.250.0.1/16) in the root
/// namespace, an address from 10.250.0.0/16 (recorded with its owner's pid in
/// <c>~/.weft/workloads/netns-addresses</c>, as the loopback allocator does), a resolv.conf with
/// the Kubernetes search path (<c>/etc/netns/NAME/resolv.conf</c>, which <c>ip netns exec</c> mounts),
/// and istio-iptables' nat rules (<see cref="InterceptionRules"/>). The app and its sidecar run
/// inside it (<see cref="Wrap"/>); the sidecar under the group <see cref="ProxyGroup"/>, which the
/// rules exclude from interception. weftd listens on loopback in the root namespace, so its
/// ports are relayed from the bridge address (<see cref="RelayAsync"/>). Dispose removes the
/// namespace (with its veth end and rules), the veth, the resolv.conf, the record and, with the
/// last workload, the bridge: nothing is left behind.
/// </summary>
public sealed class NetnsSandbox : IAsyncDisposable
{
    public const string Bridge = "weft0";
    public const string BridgeAddress = "10.250.0.1";

    /// <summary>
    /// Istio's proxy uid/gid. The sidecar runs as root (no account to create, files stay readable)
    /// but with this as its group: <c>-m owner --gid-owner 1337</c> then matches its sockets and
    /// only its, which a uid match could not do with the app also running as root.
    /// </summary>
    public const int ProxyGroup = 1337;

    /// <summary>Ports never intercepted inbound: the sidecar's admin, stats, health, interception and DNS ports.</summary>
    public static readonly int[] ExcludedInboundPorts = [15000, 15001, 15006, 15020, 15021, 15053, 15090];

    private readonly string _id;
    private readonly NetnsAddresses _addresses;
    private readonly List<TcpRelay> _relays = [];
    private int _disposed;

    private NetnsSandbox(string id, string name, string hostVeth, string address, NetnsAddresses addresses)
    {
        (_id, Name, HostVeth, Address, _addresses) = (id, name, hostVeth, address, addresses);
    }

    /// <summary>The namespace's name (<c>ip netns list</c>).</summary>
    public string Name { get; }

    /// <summary>The root namespace's end of the veth pair.</summary>
    public string HostVeth { get; }

    /// <summary>The workload's address (10.250.x.y).</summary>
    public string Address { get; }

    public static string NamespaceOf(string ns, string name) => $"weft-{ns}-{name}";

    /// <summary>Veth names have 15 characters at most: a hash of the workload's id keeps them unique.</summary>
    public static string VethOf(string id) =>
        "wv" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..10];

    /// <summary>Why netns isolation cannot work here, or null when it can (root, ip, iptables, setpriv).</summary>
    public static string? Unavailable()
    {
        if (Environment.UserName != "root" && !string.Equals(Environment.GetEnvironmentVariable("USER"), "root", StringComparison.Ordinal) && GetUid() != 0)
            return "--isolation netns needs root (it creates a network namespace, a veth pair and iptables rules)";
        foreach (var tool in new[] { "ip", "iptables", "setpriv" })
            if (Which(tool) is null)
                return $"--isolation netns needs `{tool}` on the PATH ({(tool == "setpriv" ? "util-linux" : tool == "ip" ? "iproute2" : "iptables")})";
        return null;
    }

    /// <summary>The sandbox, its interception shaped by the workload's <c>traffic.sidecar.istio.io/*</c> annotations.</summary>
    public static async Task<NetnsSandbox> CreateAsync(string stateDirectory, string ns, string name, InterceptionSettings interception, Action<string> log, CancellationToken ct,
        IReadOnlyCollection<int>? sidecarPorts = null)
    {
        if (Unavailable() is { } why)
            throw new CliException(why);
        var id = $"{ns}/{name}";
        var addresses = new NetnsAddresses(stateDirectory);
        var netns = NamespaceOf(ns, name);
        var veth = VethOf(id);
        var address = addresses.Allocate(id, stale => RemoveQuietly(NamespaceOf(stale.Split('/')[0], stale.Split('/')[1]), VethOf(stale)), () => EnsureBridge());
        var sandbox = new NetnsSandbox(id, netns, veth, address, addresses);
        try
        {
            // A namespace left by a supervisor that was killed goes first.
            RemoveQuietly(netns, veth);
            Ip("netns", "add", netns);
            Ip("link", "add", veth, "type", "veth", "peer", "name", veth + "n");
            Ip("link", "set", veth + "n", "netns", netns);
            Ip("link", "set", veth, "master", Bridge, "up");
            Ip("-n", netns, "link", "set", "lo", "up");
            Ip("-n", netns, "link", "set", veth + "n", "name", "eth0");
            Ip("-n", netns, "addr", "add", address + "/16", "dev", "eth0");
            Ip("-n", netns, "link", "set", "eth0", "up");
            Ip("-n", netns, "route", "add", "default", "via", BridgeAddress);
            WriteResolvConf(netns, ns);
            foreach (var rule in InterceptionRules(address, interception, sidecarPorts))
                Run("ip", ["netns", "exec", netns, "iptables", .. rule]);
            foreach (var rule in OriginalSourceRules())
                Run("ip", ["netns", "exec", netns, "iptables", .. rule]);
            Ip("-n", netns, "rule", "add", "fwmark", Mark, "lookup", RouteTable);
            Ip("-n", netns, "route", "add", "local", "0.0.0.0/0", "dev", "lo", "table", RouteTable);
            log($"[{id}] network namespace {netns}: {address} on {Bridge} (veth {veth}), traffic intercepted as istio-iptables does");
            ct.ThrowIfCancellationRequested();
            await Task.CompletedTask;
            return sandbox;
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// istio-iptables' nat rules for one workload: inbound TCP to 15006 except the sidecar's own
    /// ports; outbound TCP to 15001 except the sidecar's (group 1337), loopback and the workload's
    /// own address; DNS (UDP and TCP 53) to the DNS proxy on 15053.
    /// </summary>
    /// <summary>
    /// The rules as istio-iptables writes them for a pod's <c>traffic.sidecar.istio.io/*</c>
    /// annotations: <c>includeInboundPorts</c> <c>*</c> redirects every inbound port but the
    /// sidecar's and <c>excludeInboundPorts</c>, a list only those ports, empty none (no
    /// PREROUTING jump); <c>excludeOutboundPorts</c> and <c>excludeOutboundIPRanges</c> return
    /// before the redirect; <c>includeOutboundIPRanges</c> <c>*</c> redirects all other TCP, a list
    /// only destinations in those ranges, empty none (DNS still goes to the DNS proxy).
    /// <paramref name="sidecarPorts"/> (the ports the sidecar's inbound listener binds) are never
    /// redirected: the caller reaches the sidecar directly and is seen as itself.
    /// </summary>
    public static IReadOnlyList<string[]> InterceptionRules(string address, InterceptionSettings? settings = null, IReadOnlyCollection<int>? sidecarPorts = null)
    {
        settings ??= InterceptionSettings.Default;
        static string N(int port) => port.ToString(CultureInfo.InvariantCulture);
        var rules = new List<string[]>();
        void Nat(params string[] rule) => rules.Add(["-t", "nat", .. rule]);
        Nat("-N", "ISTIO_INBOUND");
        Nat("-N", "ISTIO_IN_REDIRECT");
        Nat("-N", "ISTIO_OUTPUT");
        Nat("-N", "ISTIO_REDIRECT");
        Nat("-A", "ISTIO_REDIRECT", "-p", "tcp", "-j", "REDIRECT", "--to-ports", "15001");
        Nat("-A", "ISTIO_IN_REDIRECT", "-p", "tcp", "-j", "REDIRECT", "--to-ports", "15006");
        if (settings.InboundPorts is not { IsEmpty: true })
            Nat("-A", "PREROUTING", "-p", "tcp", "-j", "ISTIO_INBOUND");
        // The sidecar's own inbound ports (the workload's service ports, which its inbound listener
        // binds on the workload's address) are reached directly: through 15006 the sidecar would see
        // the interception relay, not the calling VM, as the caller (access logs, source.ip rules).
        foreach (var p in sidecarPorts ?? [])
            Nat("-A", "ISTIO_INBOUND", "-p", "tcp", "--dport", N(p), "-j", "RETURN");
        if (settings.InboundPorts is { } only)
        {
            foreach (var p in only)
                Nat("-A", "ISTIO_INBOUND", "-p", "tcp", "--dport", N(p), "-j", "ISTIO_IN_REDIRECT");
        }
        else
        {
            foreach (var p in ExcludedInboundPorts.Concat(settings.ExcludedInboundPorts).Distinct())
                Nat("-A", "ISTIO_INBOUND", "-p", "tcp", "--dport", N(p), "-j", "RETURN");
            Nat("-A", "ISTIO_INBOUND", "-p", "tcp", "-j", "ISTIO_IN_REDIRECT");
        }
        Nat("-A", "OUTPUT", "-j", "ISTIO_OUTPUT");
        Nat("-A", "ISTIO_OUTPUT", "-m", "owner", "--gid-owner", ProxyGroup.ToString(CultureInfo.InvariantCulture), "-j", "RETURN");
        Nat("-A", "ISTIO_OUTPUT", "-p", "udp", "--dport", "53", "-j", "REDIRECT", "--to-ports", "15053");
        Nat("-A", "ISTIO_OUTPUT", "-p", "tcp", "--dport", "53", "-j", "REDIRECT", "--to-ports", "15053");
        Nat("-A", "ISTIO_OUTPUT", "-o", "lo", "-j", "RETURN");
        Nat("-A", "ISTIO_OUTPUT", "-d", address + "/32", "-j", "RETURN");
        foreach (var p in settings.ExcludedOutboundPorts)
            Nat("-A", "ISTIO_OUTPUT", "-p", "tcp", "--dport", N(p), "-j", "RETURN");
        foreach (var range in settings.ExcludedOutboundRanges)
            Nat("-A", "ISTIO_OUTPUT", "-d", range, "-j", "RETURN");
        if (settings.OutboundRanges is { } ranges)
        {
            foreach (var range in ranges)
                Nat("-A", "ISTIO_OUTPUT", "-p", "tcp", "-d", range, "-j", "ISTIO_REDIRECT");
        }
        else
        {
            Nat("-A", "ISTIO_OUTPUT", "-p", "tcp", "-j", "ISTIO_REDIRECT");
        }
        return rules;
    }

    /// <summary>
    /// What lets the sidecar pass an inbound connection on to the app from the caller's own address
    /// (its 15006 relay binds the caller's address with IP_TRANSPARENT and marks the socket 1337,
    /// as Envoy does in Istio's TPROXY mode): mangle OUTPUT saves that mark on the connection and
    /// puts it back on the app's replies, which <c>ip rule fwmark 1337 lookup 133</c> and
    /// <c>local 0.0.0.0/0 dev lo table 133</c> then deliver to the sidecar instead of the bridge.
    /// </summary>
    public static IReadOnlyList<string[]> OriginalSourceRules() =>
    [
        ["-t", "mangle", "-A", "OUTPUT", "-p", "tcp", "-m", "mark", "--mark", Mark, "-j", "CONNMARK", "--save-mark"],
        ["-t", "mangle", "-A", "OUTPUT", "-p", "tcp", "-m", "connmark", "--mark", Mark, "-j", "CONNMARK", "--restore-mark"],
    ];

    private static string Mark => ProxyGroup.ToString(CultureInfo.InvariantCulture);

    /// <summary>Istio's routing table for marked (original-source) traffic.</summary>
    private const string RouteTable = "133";

    /// <summary>A command run inside the namespace; the sidecar's also under <see cref="ProxyGroup"/>.</summary>
    public IReadOnlyList<string> Wrap(IReadOnlyList<string> command, bool proxy)
    {
        var inner = command[0].EndsWith(".dll", StringComparison.Ordinal) ? ["dotnet", .. command] : command.ToList();
        return proxy
            ? ["ip", "netns", "exec", Name, "setpriv", "--regid", ProxyGroup.ToString(CultureInfo.InvariantCulture), "--clear-groups", "--", .. inner]
            : ["ip", "netns", "exec", Name, .. inner];
    }

    /// <summary>
    /// An address inside the namespace for one of weftd's (loopback) ports: a relay from the bridge
    /// address in the root namespace. <c>https://127.0.0.1:15012</c> becomes <c>https://10.250.0.1:PORT</c>.
    /// </summary>
    public async Task<string> RelayAsync(string address, CancellationToken ct)
    {
        var uri = address.Contains("://", StringComparison.Ordinal) ? new Uri(address) : new Uri("tcp://" + address);
        var relay = await TcpRelay.StartAsync(new IPEndPoint(IPAddress.Parse(BridgeAddress), 0), uri.Host, uri.Port, ct);
        _relays.Add(relay);
        return address.Contains("://", StringComparison.Ordinal)
            ? $"{uri.Scheme}://{BridgeAddress}:{relay.Port.ToString(CultureInfo.InvariantCulture)}{uri.AbsolutePath.TrimEnd('/')}"
            : $"{BridgeAddress}:{relay.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        foreach (var r in _relays)
            await r.DisposeAsync();
        _relays.Clear();
        RemoveQuietly(Name, HostVeth);
        _addresses.Release(_id, () => RemoveBridgeIfUnused());
    }

    /// <summary>The namespace (its veth end and iptables rules go with it), the host veth, and the resolv.conf.</summary>
    private static void RemoveQuietly(string netns, string veth)
    {
        if (File.Exists(Path.Combine("/run/netns", netns)))
            TryRun("ip", ["netns", "del", netns]);
        // The kernel tears a namespace down in the background: its veth end, and with it ours,
        // goes a moment later. Wait for that (else the bridge still looks used), deleting it if it stays.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (Directory.Exists(Path.Combine("/sys/class/net", veth)) && DateTime.UtcNow < deadline)
            Thread.Sleep(50);
        if (Directory.Exists(Path.Combine("/sys/class/net", veth)))
            TryRun("ip", ["link", "del", veth]);
        var etc = Path.Combine("/etc/netns", netns);
        if (Directory.Exists(etc))
            Directory.Delete(etc, recursive: true);
    }

    private static void EnsureBridge()
    {
        if (!Directory.Exists(Path.Combine("/sys/class/net", Bridge)))
        {
            Ip("link", "add", Bridge, "type", "bridge");
            Ip("addr", "add", BridgeAddress + "/16", "dev", Bridge);
        }
        Ip("link", "set", Bridge, "up");
    }

    private static void RemoveBridgeIfUnused()
    {
        var brif = Path.Combine("/sys/class/net", Bridge, "brif");
        if (Directory.Exists(brif) && !Directory.EnumerateFileSystemEntries(brif).Any())
            TryRun("ip", ["link", "del", Bridge]);
    }

    /// <summary>The host's nameservers (the DNS proxy forwards to them) and the Kubernetes search path of a pod in <paramref name="ns"/>.</summary>
    private static void WriteResolvConf(string netns, string ns)
    {
        var dir = Path.Combine("/etc/netns", netns);
        Directory.CreateDirectory(dir);
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"# Written by weft for {netns}: port 53 is intercepted by the sidecar's DNS proxy (15053).");
        var servers = File.Exists("/etc/resolv.conf")
            ? File.ReadAllLines("/etc/resolv.conf").Where(l => l.TrimStart().StartsWith("nameserver", StringComparison.Ordinal)).ToList()
            : [];
        foreach (var s in servers.Count > 0 ? servers : ["nameserver 127.0.0.1"])
            b.AppendLine(s.Trim());
        b.AppendLine(CultureInfo.InvariantCulture, $"search {ns}.svc.cluster.local svc.cluster.local cluster.local");
        File.WriteAllText(Path.Combine(dir, "resolv.conf"), b.ToString());
    }

    private static void Ip(params string[] args) => Run("ip", args);

    private static void Run(string program, string[] args)
    {
        var (code, output) = Exec(program, args);
        if (code != 0)
            throw new CliException($"`{program} {string.Join(' ', args)}` failed with exit code {code}: {output.Trim()}");
    }

    private static void TryRun(string program, string[] args) => Exec(program, args);

    private static (int Code, string Output) Exec(string program, string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new CliException($"could not start {program}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr);
    }

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':')
            .Concat(["/usr/sbin", "/sbin"]).Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    private static uint GetUid()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
                return uint.Parse(line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return uint.MaxValue;
    }
}
