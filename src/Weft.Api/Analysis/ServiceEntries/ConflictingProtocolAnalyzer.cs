using Weft.Api.Analysis.Support;
using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.ServiceEntries;

/// <summary>
/// ServiceEntries visible in the same namespace do not give the same host and port different
/// protocols; the proxy can only treat the port one way.
/// </summary>
public sealed class ConflictingProtocolAnalyzer : IAnalyzer
{
    public string Name => "serviceentry.ConflictingServiceEntryProtocolAnalyzer";

    public string Description => "Checks if multiple ServiceEntries define the same host and port with different protocols";

    public IReadOnlyList<string> Inputs => ["ServiceEntry"];

    public void Analyze(AnalysisContext ctx)
    {
        var index = new Dictionary<(string Scope, string Host, uint Port), List<(string Protocol, ServiceEntry Se, AnalysisInput Input)>>();
        var order = new List<(string, string, uint)>();
        foreach (var (se, input) in ctx.OfType<ServiceEntry>())
        {
            foreach (var scope in ServiceRegistry.Scopes(se.Spec?.ExportTo, se.Namespace))
                foreach (var host in se.Spec?.Hosts ?? [])
                    foreach (var port in se.Spec?.Ports ?? [])
                    {
                        var key = (scope, host, port.Number ?? 0);
                        if (!index.TryGetValue(key, out var list))
                        {
                            index[key] = list = [];
                            order.Add(key);
                        }
                        list.Add(((port.Protocol ?? "").ToUpperInvariant(), se, input));
                    }
        }
        var reported = new HashSet<AnalysisInput>(ReferenceEqualityComparer.Instance);
        foreach (var key in order)
        {
            var entries = new List<(string Protocol, ServiceEntry Se, AnalysisInput Input)>(index[key]);
            // Entries exported to every namespace are visible in each namespace-scoped one too.
            if (key.Item1 != Hosts.ExportToAll && index.TryGetValue((Hosts.ExportToAll, key.Item2, key.Item3), out var everywhere))
                entries.AddRange(everywhere);
            var protocols = entries.Select(e => e.Protocol).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (protocols.Count < 2)
                continue;
            var names = string.Join(", ", entries.Select(e => new ObjectName(e.Se.Namespace, e.Se.Name).ToString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
            foreach (var (_, _, input) in entries)
                if (reported.Add(input))
                    ctx.Report(Messages.ConflictingServiceEntryProtocol, input, "metadata.name", names, key.Item2, key.Item3, string.Join(", ", protocols));
        }
    }
}
