using Weft.ControlPlane.Resources;

namespace Weft.ControlPlane.Http;

/// <summary>
/// A Kubernetes REST path: <c>/api/v1/...</c> for the core group, <c>/apis/GROUP/VERSION/...</c>
/// for the others, then <c>PLURAL[/NAME[/status]]</c> or <c>namespaces/NS/PLURAL[/NAME[/status]]</c>.
/// </summary>
public sealed record ApiPath(string Group, string Version, string? Namespace, string Plural, string? Name, bool Status)
{
    /// <summary>The path of the collection, for messages.</summary>
    public string Prefix => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    /// <exception cref="ApiException">404 when the path is not a resource path.</exception>
    public static ApiPath Parse(string path)
    {
        var s = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        int rest;
        string group, version;
        if (s.Length >= 2 && s[0] == "api")
        {
            (group, version, rest) = ("", s[1], 2);
        }
        else if (s.Length >= 3 && s[0] == "apis")
        {
            (group, version, rest) = (s[1], s[2], 3);
        }
        else
        {
            throw NotFound(path, "API discovery is not served; name a resource: /api/v1/PLURAL or /apis/GROUP/VERSION/PLURAL");
        }
        var r = s[rest..];
        if (r.Length == 0)
            throw NotFound(path, "API discovery is not served; name a resource: /api/v1/PLURAL or /apis/GROUP/VERSION/PLURAL");
        // The core group's Namespace status is namespaces/NS/status, not a plural called "status".
        var namespaced = r[0] == "namespaces" && r.Length >= 3 && !(group.Length == 0 && r.Length == 3 && r[2] == "status");
        if (namespaced)
        {
            return r.Length switch
            {
                3 => new ApiPath(group, version, r[1], r[2], null, false),
                4 => new ApiPath(group, version, r[1], r[2], r[3], false),
                5 when r[4] == "status" => new ApiPath(group, version, r[1], r[2], r[3], true),
                5 => throw NotFound(path, $"\"{r[4]}\" is not a subresource Weft serves (only status)"),
                _ => throw NotFound(path, null),
            };
        }
        return r.Length switch
        {
            1 => new ApiPath(group, version, null, r[0], null, false),
            2 => new ApiPath(group, version, null, r[0], r[1], false),
            3 when r[2] == "status" => new ApiPath(group, version, null, r[0], r[1], true),
            3 => throw NotFound(path, $"\"{r[2]}\" is not a subresource Weft serves (only status)"),
            _ => throw NotFound(path, null),
        };
    }

    private static ApiException NotFound(string path, string? why) => new(ApiStatus.NotFound(
        why is null ? $"the server could not find the requested resource ({path})" : $"the server could not find the requested resource ({path}): {why}"));
}
