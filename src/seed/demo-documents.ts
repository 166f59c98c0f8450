/**
 * The demo organisation's procedures: a customer-service operation's SOPs, written
 * to be read (and copied) as real ones. Each body follows docs-templates/sop.md.
 *
 * Bodies are filled in when seeded: {{number}} and {{department}} with the
 * document's own, {{ref:<key>}} with "<number> <title>" of another demo document
 * (numbers are given by the service, so they are not known here).
 */
import { Role } from '../common/roles';
import { DEMO_DEPARTMENTS } from './demo-organisation';

export type DemoDepartmentCode = (typeof DEMO_DEPARTMENTS)[number]['code'];

export interface DemoRevision {
  changeLevel: 'major' | 'minor';
  changeSummary: string;
  reason: string;
  body: string;
  /** The approver's comment on their signature. */
  approvalComment?: string;
}

export interface DemoDocument {
  key: string;
  title: string;
  department: 'CS' | 'OPS' | 'HR';
  /** E-mail of the accountable owner (a demo user); the author (lead) when absent. */
  owner?: string;
  category: string;
  reviewIntervalMonths: number;
  /** Approved and made effective in this order: the first is 1.0. */
  revisions: DemoRevision[];
  /** Submitted for approval and left in review. */
  inReview?: DemoRevision;
  /**
   * Who must read it: set once its revisions are effective, so demo staff find
   * assignments waiting (GET /me/assignments) on their first sign-in.
   */
  training?: {
    departments: DemoDepartmentCode[];
    roles: Role[];
    dueInDays: number;
    retrainOnMinor: boolean;
  };
}

const header = (title: string) => `# ${title}

| Document number | Department     | Type                         |
| --------------- | -------------- | ---------------------------- |
| {{number}}      | {{department}} | Standard operating procedure |
`;

// ---------------------------------------------------------------------------
// Returns handling: three revisions (1.0, 1.1 minor, 2.0 major).
// ---------------------------------------------------------------------------

const RETURNS_1_0 = `${header('Returns handling')}
## Purpose

To handle every customer return the same way: the customer knows within one working day
whether the return is accepted, the goods are inspected as soon as they arrive, and the money
is back with the customer within a fixed time. The procedure secures our statutory return
obligations and ISO 9001:2015 clause 8.2.1 (customer communication).

## Scope

Returns of goods bought through any of our sales channels (web shop, phone orders, marketplace
orders shipped by us), from the customer's first request to the refund, replacement or
rejection.

Not covered:

- faulty goods more than 30 days after delivery (warranty): see {{ref:complaints}};
- parcels that never reached the customer: see {{ref:shipments}};
- business customers with a framework contract (their contract sets the terms).

## Responsibilities

| Role                                     | Responsibility                                                                                                                        |
| ---------------------------------------- | ------------------------------------------------------------------------------------------------------------------------------------- |
| Customer service manager (process owner) | Keeps this procedure current; alone approves returns outside the return window; reviews the returns figures every month.              |
| Customer service agent                   | Registers the request, issues the return authorisation, keeps the customer informed, releases the refund.                             |
| Warehouse returns clerk (Operations)     | Receives returned parcels, inspects them within the time limit, records the result.                                                   |
| Finance assistant                        | Pays released refunds the same working day.                                                                                           |
| Quality lead                             | Checks the monthly sample (step 6) and raises an improvement proposal when practice and this procedure drift apart.                   |

## Definitions

| Term              | Meaning                                                                                                            |
| ----------------- | ------------------------------------------------------------------------------------------------------------------ |
| RMA               | Return merchandise authorisation: the number RMA-(order number)-(n) that links a parcel to a request.              |
| Return window     | 30 calendar days from the day the customer received the goods.                                                     |
| Working day       | Monday to Friday, except public holidays at the warehouse site.                                                    |
| Helpdesk          | The ticketing system in which every customer contact is recorded.                                                  |

## Procedure

### 1. Register the request (customer service agent, at first contact)

1. Open a helpdesk ticket of type **Return** and link it to the order.
2. Check the delivery date in the order system. Inside the return window: continue. Outside it:
   explain the policy, offer the warranty route if the item is faulty, and hand the ticket to the
   customer service manager if the customer insists. Only the manager approves a late return.
3. Ask for the reason (wrong item, faulty, damaged, no longer wanted, other) and record it in the
   ticket's **Return reason** field.

### 2. Authorise the return (customer service agent, within 1 working day of the request)

1. Create the RMA in the order system.
2. Send the **Return instructions** e-mail (macro RET-01): the RMA number, the returns address,
   packing advice, and that the customer should keep proof of postage.
3. For items reported faulty or damaged, ask for a photo before authorising. A photo that shows
   damage in transit moves the case to step 5.

### 3. Receive and inspect (warehouse returns clerk, within 2 working days of arrival)

1. Scan the RMA label. A parcel without an RMA goes to the **unidentified** shelf, and the clerk
   e-mails customer service the sender's name and address the same day.
2. Inspect the item against the return reason and grade it: **A** resaleable, **B** resaleable
   after rework, **C** scrap, **D** not as described by the customer.
3. Record the grade and at least one photo in the RMA. The order system notifies the ticket owner.

### 4. Decide and refund (customer service agent, within 1 working day)

1. Grades A to C: release the refund of the goods and of the original delivery charge.
2. Grade D: send the customer the inspection photos and agree the outcome: the item goes back to
   the customer at our cost, or a partial refund that the team lead approves.
3. Finance pays released refunds the same working day, to the original payment method.
4. Send the **Refund confirmation** e-mail (macro RET-02) and close the ticket.

### 5. Damaged in transit (customer service agent)

1. Ask for photos of the parcel and of the item within 48 hours of delivery.
2. Send a replacement, or refund at the customer's choice, without waiting for the return.
3. Forward the photos to Operations, which files the claim with the carrier.

### 6. Monthly check (quality lead)

1. Sample 20 return tickets closed in the month.
2. Check that the time limits of steps 2 to 4 were met and that the records are complete.
3. Report the result to the customer service manager; raise an improvement proposal for every
   gap seen more than once.

## Records

| Record                                           | Location                    | Owner                    | Retention             |
| ------------------------------------------------ | --------------------------- | ------------------------ | --------------------- |
| Return ticket (request, reason, e-mails sent)    | Helpdesk                    | Customer service manager | 3 years after closure |
| RMA with inspection grade and photos             | Order system                | Operations manager       | 3 years               |
| Refund payment                                   | Finance system              | Finance manager          | 10 years (tax law)    |
| Monthly returns sample                           | Quality drive, Returns      | Quality lead             | 3 years               |

## References

- {{ref:complaints}}
- {{ref:shipments}}
- {{ref:recovery}}
- Helpdesk macros RET-01 Return instructions, RET-02 Refund confirmation
- ISO 9001:2015, clause 8.2.1 Customer communication

## Revision history

| Revision | Summary of change                                                                                                                   |
| -------- | ----------------------------------------------------------------------------------------------------------------------------------- |
| 1.0      | First issue                                                                                                                         |
`;

const RETURNS_1_1 = `${header('Returns handling')}
## Purpose

To handle every customer return the same way: the customer knows within one working day
whether the return is accepted, the goods are inspected as soon as they arrive, and the money
is back with the customer within a fixed time. The procedure secures our statutory return
obligations and ISO 9001:2015 clause 8.2.1 (customer communication).

## Scope

Returns of goods bought through any of our sales channels (web shop, phone orders, marketplace
orders shipped by us), from the customer's first request to the refund, replacement or
rejection.

Not covered:

- faulty goods more than 30 days after delivery (warranty): see {{ref:complaints}};
- parcels that never reached the customer: see {{ref:shipments}};
- business customers with a framework contract (their contract sets the terms).

## Responsibilities

| Role                                     | Responsibility                                                                                                                        |
| ---------------------------------------- | ------------------------------------------------------------------------------------------------------------------------------------- |
| Customer service manager (process owner) | Keeps this procedure current; alone approves returns outside the return window; reviews the returns figures every month.              |
| Customer service agent                   | Registers the request, issues the return authorisation, keeps the customer informed, releases the refund.                             |
| Warehouse returns clerk (Operations)     | Receives returned parcels, inspects them within the time limit, records the result.                                                   |
| Finance assistant                        | Pays released refunds the same working day.                                                                                           |
| Quality lead                             | Checks the monthly sample (step 6) and raises an improvement proposal when practice and this procedure drift apart.                   |

## Definitions

| Term              | Meaning                                                                                                            |
| ----------------- | ------------------------------------------------------------------------------------------------------------------ |
| RMA               | Return merchandise authorisation: the number RMA-(order number)-(n) that links a parcel to a request.              |
| Return window     | 30 calendar days from the day the customer received the goods (the date on the proof of delivery).                 |
| Proof of delivery | The carrier's delivery scan, shown in the order system's tracking tab.                                             |
| Arrival           | The day the warehouse scans the returned parcel in; the refund clock starts then.                                  |
| Working day       | Monday to Friday, except public holidays at the warehouse site.                                                    |
| Helpdesk          | The ticketing system in which every customer contact is recorded.                                                  |

## Procedure

### 1. Register the request (customer service agent, at first contact)

1. Open a helpdesk ticket of type **Return** and link it to the order.
2. Check the date on the proof of delivery. Inside the return window: continue. Outside it:
   explain the policy, offer the warranty route if the item is faulty, and hand the ticket to the
   customer service manager if the customer insists. Only the manager approves a late return.
3. Ask for the reason (wrong item, faulty, damaged, no longer wanted, other) and record it in the
   ticket's **Return reason** field.

### 2. Authorise the return (customer service agent, within 1 working day of the request)

1. Create the RMA in the order system.
2. Send the **Return instructions** e-mail (macro RET-01): the RMA number, the returns address,
   packing advice, and that the customer should keep proof of postage.
3. For items reported faulty or damaged, ask for a photo before authorising. A photo that shows
   damage in transit moves the case to step 5.

### 3. Receive and inspect (warehouse returns clerk, within 2 working days of arrival)

1. Scan the RMA label. A parcel without an RMA goes to the **unidentified** shelf; the clerk posts
   a photo of the parcel and the sender's details to the helpdesk queue **Returns - unidentified**
   the same day. Customer service matches it to an order within 1 working day.
2. Inspect the item against the return reason and grade it: **A** resaleable, **B** resaleable
   after rework, **C** scrap, **D** not as described by the customer.
3. Record the grade and at least one photo in the RMA. The order system notifies the ticket owner.

### 4. Decide and refund (customer service agent, within 1 working day of the inspection result)

1. Grades A to C: release the refund of the goods and of the original delivery charge.
2. Grade D: send the customer the inspection photos and agree the outcome: the item goes back to
   the customer at our cost, or a partial refund that the team lead approves.
3. Finance pays released refunds the same working day, to the original payment method.
4. Whatever the inspection result, the refund is paid no later than **14 calendar days after
   arrival**. If the inspection is late, the agent releases the refund on day 10 and tells the team
   lead, who chases the warehouse.
5. Send the **Refund confirmation** e-mail (macro RET-02) and close the ticket.

### 5. Damaged in transit (customer service agent)

1. Ask for photos of the parcel and of the item within 48 hours of delivery.
2. Send a replacement, or refund at the customer's choice, without waiting for the return.
3. Forward the photos to Operations, which files the claim with the carrier.

### 6. Monthly check (quality lead)

1. Sample 20 return tickets closed in the month.
2. Check that the time limits of steps 2 to 4 were met, including the 14-day limit, and that the
   records are complete.
3. Report the result to the customer service manager; raise an improvement proposal for every
   gap seen more than once.

## Records

| Record                                           | Location                    | Owner                    | Retention             |
| ------------------------------------------------ | --------------------------- | ------------------------ | --------------------- |
| Return ticket (request, reason, e-mails sent)    | Helpdesk                    | Customer service manager | 3 years after closure |
| RMA with inspection grade and photos             | Order system                | Operations manager       | 3 years               |
| Refund payment                                   | Finance system              | Finance manager          | 10 years (tax law)    |
| Monthly returns sample                           | Quality drive, Returns      | Quality lead             | 3 years               |

## References

- {{ref:complaints}}
- {{ref:shipments}}
- {{ref:recovery}}
- Helpdesk macros RET-01 Return instructions, RET-02 Refund confirmation
- ISO 9001:2015, clause 8.2.1 Customer communication

## Revision history

| Revision | Summary of change                                                                                                                   |
| -------- | ----------------------------------------------------------------------------------------------------------------------------------- |
| 1.1      | The refund clock starts at arrival, with a 14-day ceiling; unidentified parcels go to a helpdesk queue.                             |
| 1.0      | First issue                                                                                                                         |
`;

const RETURNS_2_0 = `${header('Returns handling')}
## Purpose

To handle every customer return the same way: the customer can start a return at any time
without waiting for us, the goods are inspected as soon as they arrive, and the money is back
with the customer within a fixed time. The procedure secures our statutory return obligations
and ISO 9001:2015 clause 8.2.1 (customer communication).

## Scope

Returns of goods bought through any of our sales channels (web shop, phone orders, marketplace
orders shipped by us), from the customer's first request, in the returns portal or through
customer service, to the refund, replacement or rejection. Claims against the carrier for
goods damaged in transit are included.

Not covered:

- faulty goods more than 30 days after delivery (warranty): see {{ref:complaints}};
- parcels that never reached the customer: see {{ref:shipments}};
- business customers with a framework contract (their contract sets the terms).

## Responsibilities

| Role                                     | Responsibility                                                                                                                        |
| ---------------------------------------- | ------------------------------------------------------------------------------------------------------------------------------------- |
| Customer service manager (process owner) | Keeps this procedure and the portal rules current; alone approves returns outside the return window; reviews the figures monthly.     |
| Customer service agent                   | Registers requests made by phone or e-mail in the portal, works the portal's exception queue, releases refunds, files carrier claims. |
| Warehouse returns clerk (Operations)     | Receives returned parcels, inspects them within the time limit, records the result.                                                   |
| Finance assistant                        | Pays released refunds the same working day; reconciles carrier claim payments monthly.                                                |
| Quality lead                             | Checks the monthly sample (step 7) and raises an improvement proposal when practice and this procedure drift apart.                   |

## Definitions

| Term              | Meaning                                                                                                            |
| ----------------- | ------------------------------------------------------------------------------------------------------------------ |
| RMA               | Return merchandise authorisation: the number RMA-(order number)-(n) that links a parcel to a request.              |
| Returns portal    | The self-service page (linked from every delivery e-mail) where a customer registers a return and prints a label.  |
| Prepaid label     | A carrier label, paid by us, issued by the portal with the RMA printed on it.                                      |
| Low-value return  | A return whose refund is below 50 EUR.                                                                             |
| Portal exception  | A request the portal does not authorise by itself (step 2.2); it lands in the helpdesk queue Returns - exceptions. |
| Return window     | 30 calendar days from the day the customer received the goods (the date on the proof of delivery).                 |
| Proof of delivery | The carrier's delivery scan, shown in the order system's tracking tab.                                             |
| Arrival           | The day the warehouse scans the returned parcel in; the refund clock starts then.                                  |
| Working day       | Monday to Friday, except public holidays at the warehouse site.                                                    |
| Helpdesk          | The ticketing system in which every customer contact is recorded.                                                  |

## Procedure

### 1. Register the request (customer, or customer service agent at first contact)

1. The customer registers the return in the returns portal. When a customer phones or e-mails
   instead, the agent registers it in the portal for them during the contact, so every return
   follows the same path.
2. The portal records the reason (wrong item, faulty, damaged, no longer wanted, other) and, for
   faulty or damaged items, a photo.

### 2. Authorise the return (portal at once; customer service agent within 1 working day for exceptions)

1. The portal authorises the return, creates the RMA and e-mails the prepaid label and packing
   advice when the request is inside the return window, the refund is at most 500 EUR, and the
   customer has made fewer than 3 returns in 90 days.
2. Any other request is a portal exception. The agent decides it within 1 working day: outside
   the return window, only the customer service manager may approve; above 500 EUR or a third
   return, the agent checks the order history and authorises or explains the refusal.
3. A photo that shows damage in transit moves the case to step 6.

### 3. Receive and inspect (warehouse returns clerk, within 2 working days of arrival)

1. Scan the RMA on the label. A parcel without an RMA goes to the **unidentified** shelf; the
   clerk posts a photo of the parcel and the sender's details to the helpdesk queue
   **Returns - unidentified** the same day. Customer service matches it to an order within
   1 working day.
2. Inspect the item against the return reason and grade it: **A** resaleable, **B** resaleable
   after rework, **C** scrap, **D** not as described by the customer.
3. Record the grade and at least one photo in the RMA. The order system notifies the ticket owner.

### 4. Low-value returns (portal, at the carrier's first scan)

1. For a low-value return the portal releases the refund as soon as the carrier scans the parcel
   for the first time; nobody waits for the inspection.
2. If the inspection later grades the item D, the agent contacts the customer as in step 5.2; the
   refund is not reclaimed below 50 EUR.

### 5. Decide and refund (customer service agent, within 1 working day of the inspection result)

1. Grades A to C: release the refund of the goods and of the original delivery charge.
2. Grade D: send the customer the inspection photos and agree the outcome: the item goes back to
   the customer at our cost, or a partial refund that the team lead approves.
3. Finance pays released refunds the same working day, to the original payment method.
4. Whatever the inspection result, the refund is paid no later than **14 calendar days after
   arrival**. If the inspection is late, the agent releases the refund on day 10 and tells the team
   lead, who chases the warehouse.
5. The portal sends the **Refund confirmation** e-mail and closes the ticket.

### 6. Damaged in transit and carrier claims (customer service agent)

1. Ask for photos of the parcel and of the item within 48 hours of delivery.
2. Send a replacement, or refund at the customer's choice, without waiting for the return.
3. File the claim in the carrier's portal within 5 working days of the customer's report, with
   the photos and the proof of delivery, and record the claim number in the ticket.
4. Follow up claims still open after 30 days; Finance reconciles paid claims every month.

### 7. Monthly check (quality lead)

1. Sample 20 return tickets closed in the month, at least 5 of them portal exceptions.
2. Check that the time limits of steps 2 to 6 were met and that the records are complete.
3. Report to the customer service manager, with the share of refunds paid within 5 working days
   of arrival (target: 95 %); raise an improvement proposal for every gap seen more than once.

## Records

| Record                                           | Location                    | Owner                    | Retention             |
| ------------------------------------------------ | --------------------------- | ------------------------ | --------------------- |
| Portal request (reason, photos, label, refund)   | Returns portal              | Customer service manager | 3 years after refund  |
| Return ticket for exceptions (decision, e-mails) | Helpdesk                    | Customer service manager | 3 years after closure |
| RMA with inspection grade and photos             | Order system                | Operations manager       | 3 years               |
| Carrier claim (claim number, evidence, payment)  | Helpdesk and carrier portal | Customer service manager | 3 years               |
| Refund payment                                   | Finance system              | Finance manager          | 10 years (tax law)    |
| Monthly returns sample and refund-time figure    | Quality drive, Returns      | Quality lead             | 3 years               |

## References

- {{ref:complaints}}
- {{ref:shipments}}
- {{ref:recovery}}
- Returns portal rules (portal administration page, owned by the customer service manager)
- Carrier service agreement, annex C: claims for damage in transit
- ISO 9001:2015, clause 8.2.1 Customer communication

## Revision history

| Revision | Summary of change                                                                                                                   |
| -------- | ----------------------------------------------------------------------------------------------------------------------------------- |
| 2.0      | Self-service returns portal with prepaid labels; low-value returns refunded at first scan; carrier claims move to customer service. |
| 1.1      | The refund clock starts at arrival, with a 14-day ceiling; unidentified parcels go to a helpdesk queue.                             |
| 1.0      | First issue                                                                                                                         |
`;

// ---------------------------------------------------------------------------
// Complaint handling: 1.0 effective, 1.1 in review.
// ---------------------------------------------------------------------------

const COMPLAINTS_BODY = (extra: {
  adrDefinition: string;
  /** Step 4 from its third item on. */
  respondTail: string;
  adrReference: string;
  history: string;
}) => `${header('Complaint handling')}
## Purpose

To make sure that every complaint is recorded, acknowledged, investigated and answered within
fixed times, that the customer always knows who is dealing with it, and that what we learn
from complaints changes how we work. Follows ISO 10002:2018 and secures ISO 9001:2015
clauses 9.1.2 (customer satisfaction) and 10.2 (nonconformity and corrective action).

## Scope

Any expression of dissatisfaction by a customer, or by someone acting for them, about our
products, deliveries, service or the handling of an earlier complaint, whatever the channel:
phone, e-mail, chat, web form, marketplace message, social media or letter.

Not covered: a first request for a return or refund (see {{ref:returns}}) unless the customer is
unhappy with how it was handled; complaints about suppliers; staff grievances.

## Responsibilities

| Role                                     | Responsibility                                                                                                |
| ---------------------------------------- | ------------------------------------------------------------------------------------------------------------- |
| Customer service agent (complaint owner) | Records, acknowledges and investigates the complaint, drafts the response, keeps the customer informed.       |
| Team lead                                | Confirms the severity of S1 and S2 complaints, reviews their final responses before they are sent.            |
| Customer service manager (process owner) | Handles escalated complaints, signs S1 final responses, chairs the monthly complaint review.                  |
| Quality lead                             | Runs the root-cause analysis of S1 complaints and of recurring causes, and follows up the corrective actions. |
| Data protection officer                  | Is told within 24 hours of any complaint about personal data and decides whether it is a reportable breach.   |

## Definitions

| Term           | Meaning                                                                                                                              |
| -------------- | ------------------------------------------------------------------------------------------------------------------------------------ |
| Complaint      | An expression of dissatisfaction where a response or resolution is expected, explicitly or implicitly (ISO 10002).                   |
| S1             | Severity 1: safety, legal or data-protection matter, a regulator or journalist involved, or a business account threatening to leave. |
| S2             | Severity 2: a financial loss to the customer above 100 EUR, or a second complaint about the same order.                              |
| S3             | Severity 3: every other complaint.                                                                                                   |
| Final response | Our written answer that closes the investigation: what we found, what we will do, and whether the complaint is upheld.               |
${extra.adrDefinition}| Working day    | Monday to Friday, except public holidays.                                                                                            |

## Procedure

### 1. Record (whoever receives the complaint, the same working day)

1. Create a helpdesk ticket of type **Complaint**, link the order, and copy the customer's own
   words into the description.
2. Choose the category (delivery, product, service, billing, personal data) and the severity.
3. For S1, tell the team lead at once by phone or chat; for personal data, also the data
   protection officer.

### 2. Acknowledge (complaint owner, within 1 working day)

Send macro CMP-01: the complaint reference, the owner's name, and the date by which the customer
will have our final response.

### 3. Investigate (complaint owner)

1. Gather the facts: order history, call recordings, carrier tracking, warehouse and payment
   records.
2. Ask the departments involved through a helpdesk side conversation; they answer within
   2 working days.
3. Record the findings in the ticket's internal notes. Where we are at fault, put it right as
   in {{ref:recovery}} without waiting for the final response.

### 4. Respond (complaint owner; team lead reviews S1 and S2)

1. Send the final response (macro CMP-03) within **10 working days** of receipt, **5 working
   days** for S1. It says what we found, what we will do, and whether the complaint is upheld,
   partly upheld or not upheld, with the reasons.
2. It tells the customer how to ask for a review by the customer service manager if they are not
   satisfied.
${extra.respondTail}
### 5. Escalate (customer service manager, within 5 working days of the request)

When the customer is not satisfied with the final response, the customer service manager reviews
the whole ticket, may call the customer, and sends a final position letter.

### 6. Close (complaint owner)

Record the outcome (upheld, partly upheld, not upheld), the root-cause category and any goodwill
given, then close the ticket.

### 7. Learn (quality lead, monthly)

1. Report complaints per 1,000 orders by category, the share answered in time, and the share
   upheld.
2. Run a root-cause analysis for every S1 complaint and for any cause seen three or more times in
   the month.
3. Raise an improvement proposal in Praxis for each corrective action, and present the report at
   the monthly complaint review.

## Records

| Record                                                  | Location                     | Owner                    | Retention             |
| ------------------------------------------------------- | ---------------------------- | ------------------------ | --------------------- |
| Complaint ticket (description, notes, letters, outcome) | Helpdesk                     | Customer service manager | 3 years after closure |
| Call recordings                                         | Telephony system             | Customer service manager | 90 days               |
| Monthly complaint report and review minutes             | Quality drive, Complaints    | Quality lead             | 3 years               |
| Corrective actions                                      | Praxis improvement proposals | Quality lead             | Life of the system    |

## References

- {{ref:returns}}
- {{ref:recovery}}
- {{ref:shipments}}
- Helpdesk macros CMP-01 Acknowledgement, CMP-02 Holding letter, CMP-03 Final response
- ISO 10002:2018 Customer satisfaction: guidelines for complaints handling
- ISO 9001:2015, clauses 9.1.2 and 10.2
${extra.adrReference}
## Revision history

| Revision | Summary of change                                                      |
| -------- | ---------------------------------------------------------------------- |
${extra.history}| 1.0      | First issue                                                            |
`;

const COMPLAINTS_1_0 = COMPLAINTS_BODY({
  adrDefinition: '',
  respondTail: `3. If the deadline cannot be met, send a holding letter (macro CMP-02) before it passes, with the
   reason and a new date. A second extension needs the customer service manager's approval.
`,
  adrReference: '',
  history: '',
});

const COMPLAINTS_1_1 = COMPLAINTS_BODY({
  adrDefinition:
    '| ADR body       | The alternative dispute resolution body we are registered with; its name and address are in macro CMP-03.                            |\n',
  respondTail: `3. When the complaint is not upheld, or only partly, it names the ADR body and tells the customer
   they may refer the complaint to it free of charge.
4. If the deadline cannot be met, send a holding letter (macro CMP-02) before it passes, with the
   reason and a new date. A second extension needs the customer service manager's approval.
5. However the deadline is extended, the final response is sent no later than **8 weeks** after
   the complaint was received.
`,
  adrReference: '- Directive 2013/11/EU on alternative dispute resolution for consumer disputes\n',
  history:
    '| 1.1      | Final responses name the ADR body; 8-week ceiling for a final response |\n',
});

// ---------------------------------------------------------------------------
// Keeping customers informed at each shipment milestone.
// ---------------------------------------------------------------------------

const SHIPMENTS_1_0 = `${header('Keeping customers informed at each shipment milestone')}
## Purpose

So that customers know where their order is without having to ask, and hear from us first when
something goes wrong. Fewer "where is my order" contacts free agents for the customers who
need them. Secures ISO 9001:2015 clause 8.2.1 (customer communication).

## Scope

Every consumer order we ship by parcel carrier, from order confirmation to delivery or return to
sender.

Not covered: marketplace orders shipped by the marketplace; pallet deliveries (Operations
arranges these by phone); returns, see {{ref:returns}}.

## Responsibilities

| Role                                | Responsibility                                                                                                       |
| ----------------------------------- | -------------------------------------------------------------------------------------------------------------------- |
| Operations shift lead               | Makes sure dispatch scans reach the carrier before collection; runs the carrier exception report at 10:00 and 15:00. |
| Customer service agent (exceptions) | Works the Shipment exceptions queue within the time limits below.                                                    |
| Customer service manager            | Owns the message texts; reviews the notification log and the figures in step 4 every week.                           |
| E-commerce administrator            | Keeps the automatic notifications running; tells customer service within 1 hour when they fail.                      |

## Definitions

| Term          | Meaning                                                                                                                                         |
| ------------- | ----------------------------------------------------------------------------------------------------------------------------------------------- |
| Milestone     | A point in the life of a shipment at which the customer gets a message (step 1).                                                                |
| Promised date | The delivery date shown at checkout and repeated in the order confirmation.                                                                     |
| Exception     | Any carrier event other than normal progress: delay, address problem, failed delivery, damage, return to sender, or no scan for 2 working days. |
| WISMO         | A "where is my order" contact: a customer asking about a shipment we have not told them about.                                                  |
| Working hour  | An hour between 08:00 and 18:00 on a working day (Monday to Friday, except public holidays).                                                    |

## Procedure

### 1. Milestone messages (automatic)

| Milestone           | Trigger                             | Message                                                | Channel                  | Time limit                |
| ------------------- | ----------------------------------- | ------------------------------------------------------ | ------------------------ | ------------------------- |
| 1. Order confirmed  | Payment accepted                    | Order summary and promised date                        | E-mail                   | Within 15 minutes         |
| 2. Dispatched       | Carrier label scanned at collection | Carrier, tracking link, promised date                  | E-mail, and SMS if given | Within 1 hour of the scan |
| 3. Out for delivery | Carrier event "out for delivery"    | Delivery window and how to redirect the parcel         | SMS, else e-mail         | As the carrier reports it |
| 4. Delivered        | Proof of delivery                   | Where the parcel was left, and how to report a problem | E-mail                   | Within 1 hour             |

The e-commerce administrator checks every morning that each milestone sent messages the day
before; a gap is a notification failure (step 3).

### 2. Exceptions (Operations shift lead, then customer service agent)

1. At 10:00 and 15:00 the Operations shift lead runs the carrier exception report and moves each
   exception into the helpdesk queue **Shipment exceptions**.
2. Within **4 working hours** of an exception reaching the queue, the agent tells the customer
   what happened, what we are doing and the new expected date (macros SHP-01 to SHP-04). We do not
   wait for the customer to ask.
3. **Late** (1 working day or more past the promised date): inform the customer, offer to cancel
   with a full refund while the parcel is not delivered, and apply {{ref:recovery}}.
4. **Address problem or failed delivery**: phone the customer (two attempts, then e-mail) to
   confirm the address or a pickup point before the carrier's next attempt.
5. **No scan for 2 working days**: open an investigation with the carrier. After 5 working days
   without a scan the parcel is lost: send a replacement, or refund at the customer's choice, the
   same day; Operations files the claim with the carrier.
6. **Damaged**: follow {{ref:returns}}, damaged in transit.

### 3. Notification failures (e-commerce administrator, customer service manager)

1. When automatic messages fail, the e-commerce administrator tells the customer service manager
   within 1 hour and says which orders are affected.
2. Customer service sends the missed dispatch and delay messages by hand from the helpdesk until
   the automatic messages work again.

### 4. Weekly review (customer service manager)

Review and record: share of failed notifications (target below 1 %), WISMO contacts per 100
orders shipped (target below 3), and share of exceptions handled within 4 working hours
(target 95 %). A target missed two weeks running is raised as an improvement proposal.

## Records

| Record                                          | Location                   | Owner                    | Retention             |
| ----------------------------------------------- | -------------------------- | ------------------------ | --------------------- |
| Notification log (every message, time, channel) | E-commerce platform        | E-commerce administrator | 2 years               |
| Exception tickets with messages sent            | Helpdesk                   | Customer service manager | 3 years after closure |
| Carrier investigations and claims               | Operations drive, Carriers | Operations manager       | 3 years               |
| Weekly figures                                  | Quality drive, Shipments   | Customer service manager | 3 years               |

## References

- {{ref:returns}}
- {{ref:recovery}}
- {{ref:complaints}}
- Helpdesk macros SHP-01 Delay, SHP-02 Address problem, SHP-03 Investigation opened, SHP-04 Parcel lost
- Carrier service agreements (Operations drive, Carriers)

## Revision history

| Revision | Summary of change |
| -------- | ----------------- |
| 1.0      | First issue       |
`;

// ---------------------------------------------------------------------------
// Service recovery.
// ---------------------------------------------------------------------------

const RECOVERY_1_0 = `${header('Service recovery')}
## Purpose

When we let a customer down, we put it right quickly, in the same way whoever the customer
talks to, within clear limits of authority, and we record what happened so that the cause can
be removed. A well-recovered customer is more loyal than one who never had a problem.

## Scope

Every failure on our side, whether the customer complains or we notice it first: a late
delivery against the promised date, a wrong or missing item, damaged goods, a billing error, a
broken promise (for example a call-back not made), or poor service. All channels.

Not covered: the customer's statutory remedies themselves (refund, repair, replacement), which
{{ref:returns}} and {{ref:complaints}} cover; this procedure adds the apology and goodwill.

## Responsibilities

| Role                     | Responsibility                                                                                           |
| ------------------------ | -------------------------------------------------------------------------------------------------------- |
| Customer service agent   | Recognises the failure, apologises, fixes it, offers goodwill up to 25 EUR, follows up.                  |
| Team lead                | Decides goodwill from 25 to 100 EUR and every second failure on the same order; calls the customer back. |
| Customer service manager | Decides goodwill above 100 EUR; reviews the goodwill report monthly.                                     |
| Finance assistant        | Issues vouchers and credit notes the same working day; produces the monthly goodwill report.             |
| Quality lead             | Reviews the causes of recoveries each month together with complaints.                                    |

## Definitions

| Term            | Meaning                                                                                                      |
| --------------- | ------------------------------------------------------------------------------------------------------------ |
| Service failure | Anything we promised, or the customer could reasonably expect, that we did not deliver.                      |
| Goodwill        | A voucher, refund of the delivery charge, credit note or small gift beyond what the customer is entitled to. |
| Authority limit | The most goodwill a role may give on its own for one failure.                                                |

## Procedure

### 1. Recognise (any agent)

Whoever sees a failure starts the recovery, even if the customer has not complained yet. Tag the
ticket **service-recovery**.

### 2. Listen and apologise (at the first contact)

1. Let the customer explain without interrupting; repeat back what went wrong.
2. Apologise for the specific failure, in your own words. Do not blame colleagues, the warehouse
   or the carrier, and do not argue about the facts at this stage.

### 3. Fix the problem first (agent, started the same working day)

Send the replacement by express delivery at our cost, correct the invoice, make the missed call:
the fix comes before any goodwill.

### 4. Offer goodwill (agent, within the authority limits)

| Failure                                             | Goodwill                                                  | Decided by          |
| --------------------------------------------------- | --------------------------------------------------------- | ------------------- |
| Delivery 1 to 2 working days late                   | Delivery charge refunded                                  | Agent               |
| Delivery 3 or more working days late                | Delivery charge refunded and a 10 EUR voucher             | Agent               |
| Wrong or missing item                               | Express replacement and a 10 EUR voucher                  | Agent               |
| Damaged item                                        | Replacement or refund and a 10 EUR voucher                | Agent               |
| Billing error                                       | Corrected within 1 working day, 10 EUR voucher            | Agent               |
| Missed call-back or other broken promise            | 10 EUR voucher                                            | Agent               |
| Second failure on the same order                    | Call from the team lead, up to 50 EUR                     | Team lead           |
| Vulnerable customer, or loss beyond the order value | Case by case: up to 100 EUR team lead, above that manager | Team lead / manager |

Goodwill to one customer above 150 EUR in 12 months needs the customer service manager,
whatever the failure.

### 5. Confirm in writing (agent, the same working day)

Send macro SR-01: what went wrong, what we have done, the goodwill given and what happens next.

### 6. Follow up (agent, within 7 calendar days)

Check with the customer that the fix arrived or worked. If it did not, the case goes to the team
lead as a second failure.

### 7. Learn (quality lead, monthly)

Every recovery ticket records a root-cause category. The quality lead reviews the causes with the
complaint figures, and raises an improvement proposal for any cause seen three or more times in
the month.

## Records

| Record                                              | Location                | Owner                    | Retention             |
| --------------------------------------------------- | ----------------------- | ------------------------ | --------------------- |
| Recovery ticket (failure, fix, goodwill, follow-up) | Helpdesk                | Customer service manager | 3 years after closure |
| Vouchers and credit notes                           | Finance system          | Finance manager          | 10 years (tax law)    |
| Monthly goodwill report                             | Finance drive, Goodwill | Finance manager          | 3 years               |

## References

- {{ref:complaints}}
- {{ref:returns}}
- {{ref:shipments}}
- Helpdesk macro SR-01 Service recovery confirmation

## Revision history

| Revision | Summary of change |
| -------- | ----------------- |
| 1.0      | First issue       |
`;

// ---------------------------------------------------------------------------
// Onboarding new desk staff.
// ---------------------------------------------------------------------------

const ONBOARDING_1_0 = `${header('Onboarding new customer service desk staff')}
## Purpose

So that a new customer service agent can handle customers on their own within four weeks,
trained the same way as everyone else on our procedures, with evidence that they are
competent. Secures ISO 9001:2015 clauses 7.2 (competence) and 7.3 (awareness).

## Scope

New customer service agents (permanent, fixed-term and agency staff), and agents returning after
more than 6 months away. From the signed contract to the 90-day review.

Not covered: team leads (leadership induction), staff of other departments.

## Responsibilities

| Role                          | Responsibility                                                                                       |
| ----------------------------- | ---------------------------------------------------------------------------------------------------- |
| People & Training coordinator | Prepares the start, runs the induction day, keeps the onboarding records.                            |
| Team lead                     | Owns the training plan, runs the systems training, decides the sign-off.                             |
| Buddy                         | An agent with at least 12 months' service: is shadowed, reviews the new agent's work during nesting. |
| New agent                     | Completes the plan, reads and acknowledges the procedures assigned in Praxis, asks when unsure.      |
| IT support                    | Has every account working the working day before the start.                                          |
| Quality lead                  | Keeps the Praxis training requirements for the Customer Service department current.                  |

## Definitions

| Term         | Meaning                                                                                        |
| ------------ | ---------------------------------------------------------------------------------------------- |
| Buddy        | The experienced agent paired with the new agent for the first four weeks.                      |
| Nesting      | The period in which the new agent handles real customers under supervision.                    |
| QA scorecard | The 10-point ticket and call quality checklist; a pass is 85 % or more with no critical error. |
| Sign-off     | The team lead's decision that the new agent may work without supervision.                      |

## Procedure

### 1. Before the first day (People & Training coordinator, at least 5 working days before)

1. Raise the IT request for the helpdesk, order system, telephony and Praxis accounts; the Praxis
   account is in the Customer Service department, so the required procedures are assigned to the
   new agent automatically.
2. Name the buddy with the team lead, and book desk and headset.
3. Send the welcome e-mail with the first week's timetable.

### 2. Day 1: induction (People & Training coordinator, team lead)

1. Health and safety briefing and a tour of the site.
2. Data protection e-learning; it must be passed before the new agent sees customer data.
3. Meet the team and the buddy; the team lead explains the four-week plan and the sign-off
   criteria.

### 3. Week 1: learn (new agent, buddy, team lead)

1. Read and acknowledge in Praxis every procedure assigned, at least {{ref:returns}},
   {{ref:complaints}}, {{ref:shipments}} and {{ref:recovery}}.
2. Shadow the buddy: at least 8 hours on the phone and 8 hours on e-mail and chat.
3. Systems training by the team lead: order system, helpdesk and its macros, telephony.
4. Pass the end-of-week quiz on the procedures (80 % or more; one retake allowed).

### 4. Week 2: e-mail and chat nesting (new agent, buddy)

1. Handle e-mail and chat. The buddy reviews every reply before it is sent.
2. By the end of the week the buddy scores 10 tickets on the QA scorecard.

### 5. Weeks 3 and 4: phone nesting (new agent, buddy, team lead)

1. Take calls; the buddy listens to the first 20.
2. The team lead reviews 5 call recordings on the QA scorecard.

### 6. Sign-off (team lead, end of week 4)

1. The new agent is signed off when: every assigned procedure is acknowledged; data protection is
   passed; the last 10 tickets scored 85 % or more; and 5 calls were reviewed without a critical
   error.
2. When a criterion is not met, nesting is extended by up to 2 weeks with a written plan. If it is
   still not met, the team lead and the People & Training coordinator agree the next steps with
   the new agent.

### 7. Follow-up (team lead)

Review progress with the agent at 30, 60 and 90 days. For the first 3 months, score 5 of the
agent's tickets a week on the QA scorecard.

## Records

| Record                                 | Location                  | Owner                         | Retention                           |
| -------------------------------------- | ------------------------- | ----------------------------- | ----------------------------------- |
| Onboarding checklist and sign-off form | HR system                 | People & Training coordinator | Employment plus 2 years             |
| Procedure acknowledgements             | Praxis                    | Quality lead                  | Kept by Praxis with the audit trail |
| QA scorecards                          | Quality drive, Scorecards | Team lead                     | 2 years                             |
| Data protection e-learning certificate | Learning platform         | People & Training coordinator | Employment plus 2 years             |

## References

- {{ref:returns}}
- {{ref:complaints}}
- {{ref:shipments}}
- {{ref:recovery}}
- QA scorecard for tickets and calls (Quality drive, Scorecards)
- ISO 9001:2015, clauses 7.2 Competence and 7.3 Awareness

## Revision history

| Revision | Summary of change |
| -------- | ----------------- |
| 1.0      | First issue       |
`;

export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    key: 'returns',
    title: 'Returns handling',
    department: 'CS',
    owner: 'approver@demo.local',
    category: 'customer-service',
    reviewIntervalMonths: 12,
    revisions: [
      {
        changeLevel: 'major',
        changeSummary: 'First issue',
        reason:
          'Each agent handled returns their own way; refunds took between 2 and 25 days and customers were not told what to expect.',
        body: RETURNS_1_0,
        approvalComment: 'Agreed with Operations and Finance at the returns workshop.',
      },
      {
        changeLevel: 'minor',
        changeSummary:
          'The refund clock starts at arrival, with a 14-day ceiling; unidentified parcels go to a helpdesk queue',
        reason:
          'Two complaints in the first quarter: refunds took three weeks because inspections were late and agents read "within 1 working day" as the only limit. The warehouse asked to post unidentified parcels to a queue instead of e-mailing them.',
        body: RETURNS_1_1,
      },
      {
        changeLevel: 'major',
        changeSummary:
          'Self-service returns portal with prepaid labels; low-value returns refunded at first scan; carrier claims move to customer service',
        reason:
          'Returns doubled after the marketplace launch and authorising by e-mail took 1.6 working days on median. The portal authorises in minutes; refunding returns below 50 EUR at the first carrier scan takes most refunds off the inspection path; customer service already holds the photos and the customer contact a carrier claim needs.',
        body: RETURNS_2_0,
        approvalComment: 'Portal tested with 40 live returns; Finance agrees the 50 EUR limit.',
      },
    ],
    training: { departments: ['CS'], roles: [], dueInDays: 14, retrainOnMinor: false },
  },
  {
    key: 'complaints',
    title: 'Complaint handling',
    department: 'CS',
    owner: 'approver@demo.local',
    category: 'customer-service',
    reviewIntervalMonths: 12,
    revisions: [
      {
        changeLevel: 'major',
        changeSummary: 'First issue',
        reason:
          'Complaints were answered from personal mailboxes with no record or deadline; the certification audit asked for a documented complaint process.',
        body: COMPLAINTS_1_0,
      },
    ],
    inReview: {
      changeLevel: 'minor',
      changeSummary: 'Final responses name the ADR body; 8-week ceiling for a final response',
      reason:
        'Internal audit IA-2025-03 found two final responses declining a complaint that did not tell the customer about their right to refer it to the ADR body, which consumer law requires.',
      body: COMPLAINTS_1_1,
    },
    // The change in review is minor but a legal duty (ADR): re-read once it is approved.
    training: { departments: ['CS'], roles: [], dueInDays: 14, retrainOnMinor: true },
  },
  {
    key: 'shipments',
    title: 'Keeping customers informed at each shipment milestone',
    department: 'OPS',
    category: 'customer-service',
    reviewIntervalMonths: 24,
    revisions: [
      {
        changeLevel: 'major',
        changeSummary: 'First issue',
        reason:
          'One contact in five was a customer asking where their order was; most of them followed a carrier delay we already knew about.',
        body: SHIPMENTS_1_0,
      },
    ],
  },
  {
    key: 'recovery',
    title: 'Service recovery',
    department: 'CS',
    owner: 'approver@demo.local',
    category: 'customer-service',
    reviewIntervalMonths: 24,
    revisions: [
      {
        changeLevel: 'major',
        changeSummary: 'First issue',
        reason:
          'Goodwill varied from nothing to 80 EUR for the same failure, depending on who took the call; Finance could not say what it cost.',
        body: RECOVERY_1_0,
      },
    ],
  },
  {
    key: 'onboarding',
    title: 'Onboarding new customer service desk staff',
    department: 'HR',
    category: 'training',
    reviewIntervalMonths: 24,
    revisions: [
      {
        changeLevel: 'major',
        changeSummary: 'First issue',
        reason:
          'New agents were put on the phones after two days of shadowing, and there was no record of what they had been trained on.',
        body: ONBOARDING_1_0,
      },
    ],
    // Every agent may be a buddy; People & Training runs the induction.
    training: { departments: ['HR'], roles: ['staff'], dueInDays: 30, retrainOnMinor: false },
  },
];
