/// An objective run that produced no usable value; the message becomes the trial's failure reason
/// (e.g. "exit status 3; stderr: …", "val_loss became nan at epoch 4; lower the learning rate").
public struct ObjectiveFailure: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
