using System.CommandLine;
using System.Text.Json.Nodes;
using Weft.Cli.Http;
using Weft.Cli.Workloads;

namespace Weft.Cli.Commands;

/// <summary>
/// <c>weft workload entry configure -n NS --group NAME -o DIR [--address IP] [--discovery-address URL] [--ttl SECONDS]</c>:
/// writes the files a VM needs to join the mesh through a WorkloadGroup (<see cref="VmBundle"/>).
/// </summary>
public static class WorkloadEntryCommand
{
    public static Command Create(CliEnvironment env)
    {
        var ns = CommonOptions.Namespace();
        var group = new Option<string>("--group", "-g") { Description = "The WorkloadGroup the VM joins", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The folder to write the files to", Required = true };
        var address = new Option<string?>("--address") { Description = "The VM's address (written to mesh.env as WEFT_ADDRESS)" };
        var discovery = new Option<string?>("--discovery-address") { Description = $"Where the VM's proxy reaches the control plane (default: the client config's, else weftd's TLS port, {WorkloadRunCommand.DefaultDiscovery})" };
        var ttl = new Option<int>("--ttl") { Description = "Seconds the bootstrap token can be used (60 to 86400)", DefaultValueFactory = _ => 3600 };
        var configure = new Command("configure", "Write what a VM needs to join the mesh through a WorkloadGroup: token, root certificate, settings, hosts, systemd unit")
        {
            ns, group, output, address, discovery, ttl,
        };
        configure.SetAction(async (r, ct) =>
        {
            var config = CommonOptions.Config(r, env);
            var namespaceName = r.GetValue(ns) ?? config.Namespace;
            var groupName = r.GetValue(group)!;
            using var api = new MeshApi(config);
            var wg = await api.TryGetAsync($"apis/networking.istio.io/v1/namespaces/{Uri.EscapeDataString(namespaceName)}/workloadgroups/{Uri.EscapeDataString(groupName)}", ct)
                ?? throw new CliException($"workloadgroup \"{groupName}\" not found in namespace \"{namespaceName}\"; create it first (weft apply -f) so the VM's entries get its labels and ports");
            var sa = MeshState.Str(wg, "spec", "template", "serviceAccount") ?? "default";
            JsonObject? answer;
            try
            {
                answer = await api.PostAsync($"apis/weft.io/v1/namespaces/{Uri.EscapeDataString(namespaceName)}/bootstraptokens", new JsonObject
                {
                    ["apiVersion"] = "weft.io/v1",
                    ["kind"] = "BootstrapToken",
                    ["spec"] = new JsonObject { ["serviceAccount"] = sa, ["expirationSeconds"] = r.GetValue(ttl) },
                }, ct);
            }
            catch (ApiException e)
            {
                throw new CliException(e.Describe());
            }
            var status = answer?["status"] as JsonObject ?? throw new CliException("the control plane's answer to the token request has no status");
            // Without an address given, the VM's proxy gets its config where it gets its certificate: weftd's TLS port.
            var bundle = new VmBundle(namespaceName, groupName, sa, r.GetValue(discovery) ?? config.Discovery ?? MeshState.Str(status, "caAddress") ?? WorkloadRunCommand.DefaultDiscovery,
                MeshState.Str(status, "caAddress"), MeshState.Str(status, "token") ?? throw new CliException("the control plane's answer has no token"),
                MeshState.Str(status, "rootCertificates") ?? "", MeshState.Str(status, "expirationTimestamp") ?? "?", r.GetValue(address));
            var dir = Path.GetFullPath(r.GetValue(output)!);
            Directory.CreateDirectory(dir);
            foreach (var (name, content, secret) in bundle.Files())
            {
                var path = Path.Combine(dir, name);
                await using (var f = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.Create,
                    Access = FileAccess.Write,
                    UnixCreateMode = secret ? UnixFileMode.UserRead | UnixFileMode.UserWrite : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                }))
                await using (var w = new StreamWriter(f))
                    await w.WriteAsync(content);
                if (secret)
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            await env.Out.WriteAsync(bundle.Instructions(dir));
            return ExitCodes.Ok;
        });
        return new Command("entry", "WorkloadEntries of VMs outside this machine") { configure };
    }
}
