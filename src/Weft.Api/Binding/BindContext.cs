using Weft.Api.Documents;
using Weft.Api.Validation;

namespace Weft.Api.Binding;

/// <summary>Collects every error of one binding and where each field was found.</summary>
public sealed class BindContext
{
    private readonly List<FieldError> _errors = [];

    public SourceMap Map { get; } = new();

    public IReadOnlyList<FieldError> Errors => _errors;

    public void Error(FieldError error) => _errors.Add(error);

    public void Record(string path, Node node)
    {
        if (node.Start.IsKnown)
            Map.Add(path, node.Start);
    }
}

/// <summary>Where each field path of a bound object was written: the key to turn a field error into a line.</summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, Mark> _marks = new(StringComparer.Ordinal);

    public void Add(string path, Mark mark) => _marks.TryAdd(path, mark);

    /// <summary>The position of a field, or of its nearest written ancestor when the field itself is absent.</summary>
    public Mark Find(string path)
    {
        for (string? p = path; p is not null; p = FieldPath.Parent(p))
            if (_marks.TryGetValue(p, out var m))
                return m;
        return Mark.None;
    }

    /// <summary>A copy with every path prefixed (an item of a List kind is mapped under <c>items[3]</c>).</summary>
    public SourceMap Rebase(string removePrefix)
    {
        var map = new SourceMap();
        foreach (var (k, v) in _marks)
        {
            if (k == removePrefix)
                map.Add("", v);
            else if (k.StartsWith(removePrefix + ".", StringComparison.Ordinal))
                map.Add(k[(removePrefix.Length + 1)..], v);
        }
        return map;
    }

    public int Count => _marks.Count;
}
