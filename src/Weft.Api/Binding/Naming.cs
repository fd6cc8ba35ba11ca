using System.Text;

namespace Weft.Api.Binding;

internal static class Naming
{
    /// <summary>C# <c>Http2MaxRequests</c> is <c>http2MaxRequests</c> on the wire; <c>ClusterIP</c> is <c>clusterIP</c>.</summary>
    public static string ToCamel(string name) =>
        name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary><c>IstioMutual</c> is <c>ISTIO_MUTUAL</c>; <c>Http2</c> is <c>HTTP2</c>; <c>DnsRoundRobin</c> is <c>DNS_ROUND_ROBIN</c>.</summary>
    public static string ToUpperSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])
                || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                sb.Append('_');
            sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }
}
