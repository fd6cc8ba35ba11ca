using Weft.Api.Model.Meta;

namespace Weft.Api.Analysis;

/// <summary>The objects of one analysis run, lookups over them, and the findings reported so far.</summary>
public sealed class AnalysisContext(IReadOnlyList<AnalysisInput> inputs, AnalysisOptions options)
{
    private readonly List<Finding> _findings = [];

    public IReadOnlyList<AnalysisInput> Inputs { get; } = inputs;

    public AnalysisOptions Options { get; } = options;

    public IReadOnlyList<Finding> Findings => _findings;

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

    /// <summary>Reports a finding about an object, located at a field of it when the field is known.</summary>
    public void Report(MessageType type, AnalysisInput on, string? fieldPath, params object?[] args) =>
        _findings.Add(new Finding(type, on.Object.Origin, type.Format(args), on.Source,
            on.Map?.Find(fieldPath ?? "") ?? default, fieldPath));
}
