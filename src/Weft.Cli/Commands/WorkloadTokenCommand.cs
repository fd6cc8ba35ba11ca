using System.CommandLine;
using System.Globalization;
using Weft.Api.Documents;

namespace Weft.Cli.Commands;

/// <summary>
/// <c>weft workload token create --namespace NS --service-account SA [--ttl 1h] [-o json]</c>:
/// a single-use bootstrap token with which a VM's proxy gets its first certificate, for that one
/// identity only. The token is shown once (the control plane keeps only its hash), with the mesh
/// root the proxy must trust the control plane by, and where to put both.
/// </summary>
public static class WorkloadTokenCommand
{
    /// <summary>The <c>workload</c> command with <c>token create</c> under it.</summary>
    public static Command Create(CliEnvironment env)
    {
        var ns = new Option<string?>("--namespace", "-n") { Description = "The workload's namespace (default: the client config's, normally \"default\")" };
        var sa = new Option<string>("--service-account", "-s") { Description = "The service account the workload runs as", Required = true };
        var ttl = new Option<string>("--ttl")
        {
            Description = "How long the token can be used (1m to 24h, Go durations such as 30m or 1h30m)",
            DefaultValueFactory = _ => "1h",
        };
        var output = new Option<string?>("--output", "-o") { Description = "Output format: json" };
        var create = new Command("create", "Create a single-use bootstrap token for one namespace and service account") { ns, sa, ttl, output };
        create.SetAction(async (r, ct) =>
        {
            var ttlText = r.GetValue(ttl)!;
            if (WorkloadTokenDuration.Parse(ttlText) is not { } lifetime)
                throw new CliException($"cannot parse \"{ttlText}\" for --ttl: expected a duration such as 30m, 1h or 1h30m", ExitCodes.BadInput);
            var format = r.GetValue(output);
            if (format is not null and not "json")
                throw new CliException($"unknown output format \"{format}\" for --output; expected json", ExitCodes.BadInput);
            using var client = CommonOptions.Client(r, env);
            var namespaceName = r.GetValue(ns) ?? client.Config.Namespace;
            var body = MapNode.Of(
                ("apiVersion", ScalarNode.String("weft.io/v1")),
                ("kind", ScalarNode.String("BootstrapToken")),
                ("spec", MapNode.Of(
                    ("serviceAccount", ScalarNode.String(r.GetValue(sa)!)),
                    ("expirationSeconds", ScalarNode.Integer((long)lifetime.TotalSeconds)))));
            var answer = await client.PostAsync($"apis/weft.io/v1/namespaces/{Uri.EscapeDataString(namespaceName)}/bootstraptokens", body, ct) as MapNode
                ?? throw new CliException("the control plane answered the token request with something other than an object");
            var status = answer.GetMap("status") ?? throw new CliException("the control plane's answer has no status (is it an older weftd?)");
            var token = status.GetString("token") ?? throw new CliException("the control plane's answer has no token");
            if (format == "json")
            {
                await env.Out.WriteLineAsync(NodeWriter.ToJson(answer, indented: true));
                return ExitCodes.Ok;
            }
            await env.Out.WriteAsync(Describe(namespaceName, r.GetValue(sa)!, token, status));
            return ExitCodes.Ok;
        });
        var token = new Command("token", "Bootstrap tokens for VMs and other workloads outside Kubernetes") { create };
        return new Command("workload", "Workloads outside Kubernetes (VMs, processes): how they join the mesh")
        {
            token,
            WorkloadRunCommand.Create(env), WorkloadStopCommand.Create(env), WorkloadExecCommand.Create(env), WorkloadInjectCommand.Create(env),
            WorkloadEntryCommand.Create(env),
        };
    }

    /// <summary>The token, and what to do with it, for a person at a terminal.</summary>
    internal static string Describe(string ns, string sa, string token, MapNode status)
    {
        var caAddress = status.GetString("caAddress") ?? "https://CONTROL_PLANE:15012";
        var expires = status.GetString("expirationTimestamp") ?? "?";
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine($"Bootstrap token for {status.GetString("identity")} (single use, expires {expires}):");
        w.WriteLine();
        w.WriteLine(token);
        w.WriteLine();
        w.WriteLine("Where to put it: on the VM, save the token as /etc/weft/bootstrap-token (mode 0600, readable by");
        w.WriteLine("the proxy's user only) and the mesh root below as /etc/weft/root-cert.pem, then start the proxy:");
        w.WriteLine();
        w.WriteLine($"  weft-proxy --namespace {ns} --service-account {sa} --data-dir /var/lib/weft --discovery-address {caAddress} \\");
        w.WriteLine($"    --ca-address {caAddress} --token-file /etc/weft/bootstrap-token --ca-root-file /etc/weft/root-cert.pem ...");
        w.WriteLine();
        w.WriteLine("The proxy keeps its certificate in --data-dir and renews it itself; the token is not needed again.");
        if (status.GetString("caAddress") is null)
            w.WriteLine("(The control plane's TLS port is not listening: start weftd with --discovery-listen ADDR:PORT.)");
        w.WriteLine();
        w.WriteLine("Mesh root certificate(s):");
        w.Write(status.GetString("rootCertificates") ?? "");
        return w.ToString();
    }
}
