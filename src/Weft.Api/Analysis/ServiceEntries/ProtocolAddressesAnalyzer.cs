using Weft.Api.Documents;
using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.ServiceEntries;

/// <summary>
/// A ServiceEntry with TCP ports (or ports of no protocol) has addresses: plain TCP is told apart by
/// destination address only. Addresses the mesh allocates (DNS capture with auto-allocation, or
/// written to the entry's status) count.
/// </summary>
public sealed class ProtocolAddressesAnalyzer : IAnalyzer
{
    public string Name => "serviceentry.Analyzer";

    public string Description => "Checks the validity of ServiceEntry";

    public IReadOnlyList<string> Inputs => ["ServiceEntry", "MeshConfig"];

    public void Analyze(AnalysisContext ctx)
    {
        var metadata = ctx.Options.Mesh.DefaultConfig?.ProxyMetadata;
        var dnsCapture = metadata?.GetValueOrDefault("ISTIO_META_DNS_CAPTURE") == "true";
        var autoAllocate = dnsCapture && metadata?.GetValueOrDefault("ISTIO_META_DNS_AUTO_ALLOCATE") == "true";
        if (autoAllocate)
            return;
        foreach (var (se, input) in ctx.OfType<ServiceEntry>())
        {
            if ((se.Spec?.Addresses?.Count ?? 0) > 0 || (dnsCapture && HasAllocatedAddresses(se)))
                continue;
            var ports = se.Spec?.Ports ?? [];
            for (var i = 0; i < ports.Count; i++)
                if (string.IsNullOrEmpty(ports[i].Protocol) || string.Equals(ports[i].Protocol, "TCP", StringComparison.OrdinalIgnoreCase))
                    ctx.Report(Messages.ServiceEntryAddressesRequired, input, $"spec.ports[{i}]");
        }
    }

    /// <summary>Addresses the control plane allocated, in <c>status.addresses</c>.</summary>
    private static bool HasAllocatedAddresses(ServiceEntry se) =>
        se.Status?.Node is MapNode status && status["addresses"] is SeqNode { Items.Count: > 0 };
}
