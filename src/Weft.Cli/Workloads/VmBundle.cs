using System.Globalization;
using System.Text;

namespace Weft.Cli.Workloads;

/// <summary>
/// What a VM needs to join the mesh through a WorkloadGroup, as files for /etc/weft (Istio's
/// `istioctl x workload entry configure`): the one-time bootstrap token, the mesh root to trust
/// the control plane by, the mesh settings, a hosts file naming the control plane, and a systemd
/// unit that runs weft-proxy with all of it. The proxy registers itself through the group
/// (--workload-group) and keeps its certificate in /var/lib/weft, so the token is needed once.
/// </summary>
public sealed record VmBundle(
    string Namespace, string Group, string ServiceAccount, string DiscoveryAddress, string? CaAddress,
    string Token, string RootCertificates, string ExpiresAt, string? Address)
{
    public const string ConfigDir = "/etc/weft";
    public const string DataDir = "/var/lib/weft";

    /// <summary>File name to content (and whether it is secret: mode 0600).</summary>
    public IReadOnlyList<(string Name, string Content, bool Secret)> Files() =>
    [
        ("bootstrap-token", Token + "\n", true),
        ("root-cert.pem", RootCertificates, false),
        ("mesh.env", MeshEnv(), false),
        ("hosts", Hosts(), false),
        ("weft-proxy.service", Unit(), false),
    ];

    /// <summary>weft-proxy's arguments, with the VM's address from the environment file ($WEFT_ADDRESS).</summary>
    public IReadOnlyList<string> ProxyArguments(string configDir = ConfigDir, string dataDir = DataDir, string address = "${WEFT_ADDRESS}")
    {
        var args = new List<string>
        {
            "--discovery-address", DiscoveryAddress, "--namespace", Namespace, "--workload-group", Group,
            "--service-account", ServiceAccount, "--name", "${WEFT_NAME}", "--address", address, "--kind", "VirtualMachine",
            "--admin-address", "127.0.0.1:15000", "--data-dir", dataDir,
        };
        if (CaAddress is not null)
            args.AddRange(["--ca-address", CaAddress, "--token-file", Path.Combine(configDir, "bootstrap-token"), "--ca-root-file", Path.Combine(configDir, "root-cert.pem")]);
        return args;
    }

    private string MeshEnv()
    {
        var b = new StringBuilder();
        b.AppendLine("# The mesh this VM joins (read by weft-proxy.service). Set WEFT_ADDRESS to the VM's own address.");
        b.AppendLine(CultureInfo.InvariantCulture, $"WEFT_NAMESPACE={Namespace}");
        b.AppendLine(CultureInfo.InvariantCulture, $"WEFT_WORKLOAD_GROUP={Group}");
        b.AppendLine(CultureInfo.InvariantCulture, $"WEFT_SERVICE_ACCOUNT={ServiceAccount}");
        b.AppendLine(CultureInfo.InvariantCulture, $"WEFT_DISCOVERY_ADDRESS={DiscoveryAddress}");
        if (CaAddress is not null)
            b.AppendLine(CultureInfo.InvariantCulture, $"WEFT_CA_ADDRESS={CaAddress}");
        b.AppendLine(CultureInfo.InvariantCulture, $"WEFT_ADDRESS={Address ?? ""}");
        b.AppendLine("WEFT_NAME=%H");
        return b.ToString();
    }

    private string Hosts()
    {
        var host = new Uri(DiscoveryAddress).Host;
        return $"# Append to /etc/hosts on the VM: the control plane by the name Istio's VMs use for istiod.\n{host} weftd.weft-system.svc weftd.weft-system.svc.cluster.local\n";
    }

    private string Unit()
    {
        var b = new StringBuilder();
        b.AppendLine("[Unit]");
        b.AppendLine(CultureInfo.InvariantCulture, $"Description=Weft sidecar for WorkloadGroup {Namespace}/{Group}");
        b.AppendLine("Wants=network-online.target");
        b.AppendLine("After=network-online.target");
        b.AppendLine();
        b.AppendLine("[Service]");
        b.AppendLine(CultureInfo.InvariantCulture, $"EnvironmentFile={ConfigDir}/mesh.env");
        b.AppendLine(CultureInfo.InvariantCulture, $"ExecStart=/usr/local/bin/weft-proxy {string.Join(' ', ProxyArguments())}");
        b.AppendLine("Restart=always");
        b.AppendLine("RestartSec=2");
        b.AppendLine(CultureInfo.InvariantCulture, $"StateDirectory={Path.GetFileName(DataDir)}");
        b.AppendLine("User=weft-proxy");
        b.AppendLine();
        b.AppendLine("[Install]");
        b.AppendLine("WantedBy=multi-user.target");
        return b.ToString();
    }

    /// <summary>What to do with the files, for a person at a terminal.</summary>
    public string Instructions(string dir) => $"""
        Wrote {dir}/ for WorkloadGroup {Namespace}/{Group} (identity spiffe://cluster.local/ns/{Namespace}/sa/{ServiceAccount}):
          bootstrap-token      one-time token, expires {ExpiresAt} (mode 0600)
          root-cert.pem        the mesh root, to trust the control plane by on the first connection
          mesh.env             the mesh settings; set WEFT_ADDRESS to the VM's address
          hosts                the control plane's name, to append to /etc/hosts
          weft-proxy.service   the systemd unit running weft-proxy with all of the above
        On the VM: copy the folder to {ConfigDir}, install weft-proxy as /usr/local/bin/weft-proxy, then
          sudo systemctl enable --now {ConfigDir}/weft-proxy.service
        The proxy registers the VM in the group (a WorkloadEntry) while it is connected and keeps its
        certificate in {DataDir}, so a rebooted VM rejoins without a new token.

        """;
}
