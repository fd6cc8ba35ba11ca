using Weft.Api.Analysis.Support;
using Weft.Api.Model.Core;
using Weft.Api.Model.Meta;

namespace Weft.Api.Analysis;

/// <summary>
/// The objects of one analysis run, lookups over them, and the findings reported so far. The
/// indexes (workloads, services, namespaces) are built on first use and shared by every analyzer
/// of the run; a context is never reused across runs.
/// </summary>
public sealed class AnalysisContext(IReadOnlyList<AnalysisInput> inputs, AnalysisOptions options)
{
    private readonly List<Finding> _findings = [];
    private readonly HashSet<(string Code, string Origin, string Message)> _reported = [];
    private IReadOnlyList<Workload>? _workloads;
    private ServiceRegistry? _services;
    private IReadOnlyDictionary<string, AnalysisInput>? _namespaces;

    public IReadOnlyList<AnalysisInput> Inputs { get; } = inputs;

    public AnalysisOptions Options { get; } = options;

    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Pods (stored as written) and WorkloadEntries.</summary>
    internal IReadOnlyList<Workload> Workloads => _workloads ??= Workload.All(this);

    /// <summary>Services and ServiceEntry hosts, by the scope they are visible in.</summary>
    internal ServiceRegistry Services => _services ??= new ServiceRegistry(this);

    /// <summary>The Namespace objects, by name.</summary>
    internal IReadOnlyDictionary<string, AnalysisInput> Namespaces => _namespaces ??=
        OfType<Namespace>().GroupBy(n => n.Object.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Input, StringComparer.Ordinal);

    /// <summary>Every object of a typed kind, with its input (for locating findings).</summary>
    public IEnumerable<(T Object, AnalysisInput Input)> OfType<T>() where T : KubeObject
    {
        foreach (var i in Inputs)
            if (i.Object is T t)
                yield return (t, i);
    }

    /// <summary>Every object of a kind stored as written (Pod, Deployment, ...).</summary>
    public IEnumerable<AnalysisInput> OfKind(string group, string kind)
    {
        foreach (var i in Inputs)
            if (i.Kind.Group == group && i.Kind.Kind == kind)
                yield return i;
    }

    /// <summary>The object of a typed kind with this namespace and name, if any.</summary>
    public T? Find<T>(string ns, string name) where T : KubeObject
    {
        foreach (var i in Inputs)
            if (i.Object is T t && t.Namespace == ns && t.Name == name)
                return t;
        return null;
    }

    /// <summary>
    /// Reports a finding about an object, located at a field of it when the field is known. The same
    /// message about the same object is reported once, as Istio de-duplicates its findings.
    /// </summary>
    public void Report(MessageType type, AnalysisInput on, string? fieldPath, params object?[] args)
    {
        var message = type.Format(args);
        if (!_reported.Add((type.Code, on.Object.Origin, message)))
            return;
        _findings.Add(new Finding(type, on.Object.Origin, message, on.Source,
            on.Map?.Find(fieldPath ?? "") ?? default, fieldPath));
    }
}
