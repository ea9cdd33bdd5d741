namespace BriefingBot.Dialogs.Stack;

/// <summary>
/// Runs one turn: a waiting dialog gets the message; otherwise the recognized intent starts a dialog.
/// </summary>
public sealed class DialogManager(IEnumerable<Dialog> dialogs)
{
    private readonly Dictionary<string, Dialog> _dialogs = dialogs.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public async Task RunAsync(DialogContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        if (stack.Frames.Count > 0)
        {
            var frame = stack.Frames[^1];
            if (_dialogs.TryGetValue(frame.DialogId, out var waiting))
            {
                context.Frame = frame;
                var status = await waiting.ContinueAsync(context, cancellationToken).ConfigureAwait(false);
                if (status == DialogStatus.Complete)
                {
                    stack.Frames.Remove(frame);
                }

                return;
            }

            // A dialog from an older version of the bot: drop it rather than leave the user stuck.
            stack.Frames.Clear();
        }

        var intent = IntentRecognizer.Recognize(context.Text);
        var dialog = _dialogs[intent.DialogId];
        var started = new DialogFrame { DialogId = dialog.Id };
        context.Frame = started;
        if (await dialog.BeginAsync(context, intent.Argument, cancellationToken).ConfigureAwait(false) == DialogStatus.Waiting)
        {
            stack.Frames.Add(started);
        }
    }
}
