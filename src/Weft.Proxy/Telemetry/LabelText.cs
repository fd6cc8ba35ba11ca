using System.Text;

namespace Weft.Proxy.Telemetry;

/// <summary>Prometheus label pairs: <c>name="value"</c> with backslash, quote and newline escaped.</summary>
internal static class LabelText
{
    public static StringBuilder Pair(this StringBuilder sb, string name, string value)
    {
        if (sb.Length > 0)
            sb.Append(',');
        sb.Append(name).Append("=\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"');
    }
}
