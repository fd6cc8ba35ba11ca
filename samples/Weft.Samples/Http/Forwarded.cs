namespace Weft.Samples.Http;

/// <summary>The headers of one inbound request that travel on with its outbound calls.</summary>
public sealed class Forwarded
{
    public static Forwarded None { get; } = new([]);

    private Forwarded(List<KeyValuePair<string, string>> headers) => Headers = headers;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>Copies the named headers that the request carries (an absent or empty header is not sent on).</summary>
    public static Forwarded From(HttpRequest request, IReadOnlyList<string> names)
    {
        var list = new List<KeyValuePair<string, string>>(names.Count);
        foreach (var name in names)
        {
            var value = request.Headers[name].ToString();
            if (value.Length > 0)
                list.Add(new(name, value));
        }
        return new Forwarded(list);
    }

    /// <summary>These headers plus (or replacing) one more, e.g. the demo's <c>discountFrom</c> or bookinfo's <c>end-user</c>.</summary>
    public Forwarded With(string name, string value)
    {
        var list = new List<KeyValuePair<string, string>>(Headers.Count + 1);
        foreach (var h in Headers)
            if (!string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
                list.Add(h);
        list.Add(new(name, value));
        return new Forwarded(list);
    }
}
