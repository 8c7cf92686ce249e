$version: "2"

namespace test.sqs

use aws.protocols#awsJson1_0
use aws.protocols#awsQueryCompatible
use aws.protocols#awsQueryError
use aws.api#service
use aws.auth#sigv4

/// A few queue operations of SQS, written for tests against third-party clients and emulators: an awsJson 1.0 service that moved from awsQuery, so its errors also carry their awsQuery codes.
@service(endpointPrefix: "sqs", sdkId: "SQS")
@sigv4(name: "sqs")
@awsJson1_0
@awsQueryCompatible
@title("SQS queues (fixture)")
service AmazonSQS {
    version: "2012-11-05"
    operations: [CreateQueue, DeleteMessage, GetQueueUrl, ReceiveMessage, SendMessage]
}

/// Creates a queue, or returns the URL of the queue with that name and the same attributes.
operation CreateQueue {
    input: CreateQueueRequest
    output: CreateQueueResult
    errors: [QueueNameExists, InvalidAttributeName]
}

/// Deletes a received message, named by the receipt handle its receive returned.
operation DeleteMessage {
    input: DeleteMessageRequest
    output: Unit
    errors: [QueueDoesNotExist, ReceiptHandleIsInvalid]
}

/// Looks up a queue's URL by its name.
operation GetQueueUrl {
    input: GetQueueUrlRequest
    output: GetQueueUrlResult
    errors: [QueueDoesNotExist]
}

/// Takes up to ten messages off a queue, hiding them from other receivers for the visibility timeout.
operation ReceiveMessage {
    input: ReceiveMessageRequest
    output: ReceiveMessageResult
    errors: [QueueDoesNotExist, OverLimit]
}

/// Puts a message on a queue.
operation SendMessage {
    input: SendMessageRequest
    output: SendMessageResult
    errors: [QueueDoesNotExist, InvalidMessageContents]
}

list BinaryList {
    member: Blob
}

/// The input of `CreateQueue`.
@input
structure CreateQueueRequest {
    /// The queue's name: letters, digits, `-` and `_`, up to 80 characters; FIFO queues end in `.fifo`.
    @required
    QueueName: String

    /// Attributes to set on the new queue, such as `VisibilityTimeout`.
    Attributes: QueueAttributeMap

    /// Cost allocation tags for the queue.
    tags: TagMap
}

/// The output of `CreateQueue`.
@output
structure CreateQueueResult {
    /// The URL of the queue.
    QueueUrl: String
}

/// The input of `DeleteMessage`.
@input
structure DeleteMessageRequest {
    /// The URL of the queue the message came from.
    @required
    QueueUrl: String

    /// The receipt handle of the receive that returned the message.
    @required
    ReceiptHandle: String
}

/// The input of `GetQueueUrl`.
@input
structure GetQueueUrlRequest {
    /// The queue's name.
    @required
    QueueName: String

    /// The account that owns the queue, when it is not the caller's.
    QueueOwnerAWSAccountId: String
}

/// The output of `GetQueueUrl`.
@output
structure GetQueueUrlResult {
    /// The URL of the queue.
    QueueUrl: String
}

/// An attribute name is not one the queue has.
@error("client")
@httpError(400)
structure InvalidAttributeName {
    /// What went wrong.
    message: String
}

/// The message holds characters a message may not hold.
@error("client")
@httpError(400)
structure InvalidMessageContents {
    /// What went wrong.
    message: String
}

/// A message taken off a queue.
structure Message {
    /// The id the queue gave the message.
    MessageId: String

    /// Names this receive of the message, for deleting it.
    ReceiptHandle: String

    /// The MD5 digest of the body, in hex.
    MD5OfBody: String

    /// The message text.
    Body: String

    /// The system attributes asked for.
    Attributes: MessageSystemAttributeMap

    /// The MD5 digest of the message attributes, in hex.
    MD5OfMessageAttributes: String

    /// The message attributes asked for.
    MessageAttributes: MessageBodyAttributeMap
}

list MessageAttributeNameList {
    member: String
}

/// A typed message attribute.
structure MessageAttributeValue {
    /// The value of a `String` or `Number` attribute.
    StringValue: String

    /// The value of a `Binary` attribute.
    BinaryValue: Blob

    /// Reserved for string lists.
    StringListValues: StringList

    /// Reserved for binary lists.
    BinaryListValues: BinaryList

    /// `String`, `Number` or `Binary`, optionally followed by `.` and a custom label.
    @required
    DataType: String
}

map MessageBodyAttributeMap {
    key: String
    value: MessageAttributeValue
}

list MessageList {
    member: Message
}

list MessageSystemAttributeList {
    member: MessageSystemAttributeName
}

map MessageSystemAttributeMap {
    key: MessageSystemAttributeName
    value: String
}

/// A system attribute of a message.
enum MessageSystemAttributeName {
    All
    SenderId
    SentTimestamp
    ApproximateReceiveCount
    ApproximateFirstReceiveTimestamp
    SequenceNumber
    MessageDeduplicationId
    MessageGroupId
}

/// The action would go over a limit, such as the number of messages in flight.
@awsQueryError(code: "OverLimit", httpResponseCode: 400)
@error("client")
@httpError(400)
structure OverLimit {
    /// What went wrong.
    message: String
}

map QueueAttributeMap {
    key: QueueAttributeName
    value: String
}

/// A queue attribute.
enum QueueAttributeName {
    All
    Policy
    VisibilityTimeout
    MaximumMessageSize
    MessageRetentionPeriod
    ApproximateNumberOfMessages
    ApproximateNumberOfMessagesNotVisible
    CreatedTimestamp
    LastModifiedTimestamp
    QueueArn
    DelaySeconds
    ReceiveMessageWaitTimeSeconds
    RedrivePolicy
    FifoQueue
    ContentBasedDeduplication
}

/// No queue has that name or URL.
@awsQueryError(code: "AWS.SimpleQueueService.NonExistentQueue", httpResponseCode: 400)
@error("client")
@httpError(400)
structure QueueDoesNotExist {
    /// What went wrong.
    message: String
}

/// A queue with that name exists with other attributes.
@awsQueryError(code: "QueueAlreadyExists", httpResponseCode: 400)
@error("client")
@httpError(400)
structure QueueNameExists {
    /// What went wrong.
    message: String
}

/// The receipt handle does not name a receive of a message.
@awsQueryError(code: "ReceiptHandleIsInvalid", httpResponseCode: 400)
@error("client")
@httpError(400)
structure ReceiptHandleIsInvalid {
    /// What went wrong.
    message: String
}

/// The input of `ReceiveMessage`.
@input
structure ReceiveMessageRequest {
    /// The URL of the queue to receive from.
    @required
    QueueUrl: String

    /// The system attributes to return with each message (`All` for every one).
    MessageSystemAttributeNames: MessageSystemAttributeList

    /// The message attributes to return with each message (`All` for every one).
    MessageAttributeNames: MessageAttributeNameList

    /// At most this many messages (1 to 10).
    MaxNumberOfMessages: Integer

    /// Seconds the received messages stay hidden from other receivers.
    VisibilityTimeout: Integer

    /// Seconds to wait for a message when none is there yet (long polling).
    WaitTimeSeconds: Integer
}

/// The output of `ReceiveMessage`.
@output
structure ReceiveMessageResult {
    /// The messages received, if any.
    Messages: MessageList
}

/// The input of `SendMessage`.
@input
structure SendMessageRequest {
    /// The URL of the queue to send to.
    @required
    QueueUrl: String

    /// The message text: at least one character, up to 256 KiB.
    @required
    MessageBody: String

    /// How long, in seconds, the message stays invisible after it is sent (0 to 900).
    DelaySeconds: Integer

    /// Typed attributes that travel with the message.
    MessageAttributes: MessageBodyAttributeMap
}

/// The output of `SendMessage`.
@output
structure SendMessageResult {
    /// The MD5 digest of the message body, in hex.
    MD5OfMessageBody: String

    /// The MD5 digest of the message attributes, in hex.
    MD5OfMessageAttributes: String

    /// The id the queue gave the message.
    MessageId: String

    /// The message's position in a FIFO queue.
    SequenceNumber: String
}

list StringList {
    member: String
}

map TagMap {
    key: String
    value: String
}
