using Weft.Discovery.Routes;

namespace Weft.Proxy.Routing;

/// <summary>Header operations as plain arrays; applied in Istio's order: remove, set, add.</summary>
public sealed class CompiledHeaderOps
{
    public static readonly CompiledHeaderOps Empty = new([], [], []);

    private readonly string[] _remove;
    private readonly (string Name, string Value)[] _set;
    private readonly (string Name, string Value)[] _add;

    private CompiledHeaderOps(string[] remove, (string, string)[] set, (string, string)[] add)
        => (_remove, _set, _add) = (remove, set, add);

    public bool IsEmpty => _remove.Length == 0 && _set.Length == 0 && _add.Length == 0;

    public static CompiledHeaderOps Compile(HeaderOperations? ops)
    {
        if (ops is null || (ops.Remove.IsDefaultOrEmpty && ops.Set.IsDefaultOrEmpty && ops.Add.IsDefaultOrEmpty))
            return Empty;
        return new(
            ops.Remove.IsDefault ? [] : [.. ops.Remove],
            ops.Set.IsDefault ? [] : [.. ops.Set.Select(h => (h.Name, h.Value))],
            ops.Add.IsDefault ? [] : [.. ops.Add.Select(h => (h.Name, h.Value))]);
    }

    public void Apply(IHeaderDictionary headers)
    {
        foreach (var name in _remove)
            headers.Remove(name);
        foreach (var (name, value) in _set)
            headers[name] = value;
        foreach (var (name, value) in _add)
            headers.Append(name, value);
    }

    public void Apply(System.Net.Http.Headers.HttpHeaders headers)
    {
        foreach (var name in _remove)
            headers.Remove(name);
        foreach (var (name, value) in _set)
        {
            headers.Remove(name);
            headers.TryAddWithoutValidation(name, value);
        }
        foreach (var (name, value) in _add)
            headers.TryAddWithoutValidation(name, value);
    }
}
