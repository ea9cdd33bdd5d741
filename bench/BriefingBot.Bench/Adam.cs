namespace BriefingBot.Bench;

/// <summary>Adam with L2 for the harness's full-batch fits: one <see cref="Step"/> per epoch with the summed gradient.</summary>
internal sealed class Adam(int n)
{
    private readonly double[] _m = new double[n];
    private readonly double[] _v = new double[n];

    /// <param name="gradient">The gradient summed over <paramref name="count"/> examples.</param>
    public void Step(float[] weights, double[] gradient, int count, double l2, int epoch, double learningRate)
    {
        for (var j = 0; j < weights.Length; j++)
        {
            var g = (gradient[j] / count) + (l2 * weights[j]);
            _m[j] = (0.9 * _m[j]) + (0.1 * g);
            _v[j] = (0.999 * _v[j]) + (0.001 * g * g);
            var mHat = _m[j] / (1 - Math.Pow(0.9, epoch));
            var vHat = _v[j] / (1 - Math.Pow(0.999, epoch));
            weights[j] -= (float)(learningRate * mHat / (Math.Sqrt(vHat) + 1e-8));
        }
    }
}
