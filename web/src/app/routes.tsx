import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Loading } from '../components/states';
import { RequireSession } from '../features/session/components/RequireSession';
import { Layout } from './Layout';
import { SignInPage } from '../pages/SignInPage';
import { HomePage } from '../pages/HomePage';
import { ReadingPage } from '../pages/ReadingPage';
import { DocumentsPage } from '../pages/DocumentsPage';
import { DocumentPage } from '../pages/DocumentPage';
import { NotificationsPage } from '../pages/NotificationsPage';
import { NotFoundPage } from '../pages/NotFoundPage';

// Pages staff rarely open load on demand, keeping My reading's JavaScript small.
const HistoryPage = lazy(() => import('../pages/HistoryPage'));
const SigningPage = lazy(() => import('../pages/SigningPage'));
const ReviewPage = lazy(() => import('../pages/ReviewPage'));
const TrainingPage = lazy(() => import('../pages/TrainingPage'));
const AuditPage = lazy(() => import('../pages/AuditPage'));
const AdminPage = lazy(() => import('../pages/AdminPage'));
const AccountPage = lazy(() => import('../pages/AccountPage'));
const ProposalsPage = lazy(() => import('../pages/ProposalsPage'));
const ProposalPage = lazy(() => import('../pages/ProposalPage'));
const NewDocumentPage = lazy(() => import('../pages/NewDocumentPage'));
const EditRevisionPage = lazy(() => import('../pages/EditRevisionPage'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route
        element={
          <RequireSession>
            <Layout />
          </RequireSession>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="reading" element={<ReadingPage />} />
        <Route path="documents" element={<DocumentsPage />} />
        <Route
          path="documents/new"
          element={
            <Suspense fallback={<Loading what="The form" />}>
              <NewDocumentPage />
            </Suspense>
          }
        />
        <Route path="documents/:id" element={<DocumentPage />} />
        <Route
          path="documents/:id/history"
          element={
            <Suspense fallback={<Loading what="History" />}>
              <HistoryPage />
            </Suspense>
          }
        />
        <Route
          path="signing"
          element={
            <Suspense fallback={<Loading what="Your signing queue" />}>
              <SigningPage />
            </Suspense>
          }
        />
        <Route
          path="revisions/:id/review"
          element={
            <Suspense fallback={<Loading what="The revision" />}>
              <ReviewPage />
            </Suspense>
          }
        />
        <Route
          path="proposals"
          element={
            <Suspense fallback={<Loading what="Proposals" />}>
              <ProposalsPage />
            </Suspense>
          }
        />
        <Route
          path="proposals/:id"
          element={
            <Suspense fallback={<Loading what="The proposal" />}>
              <ProposalPage />
            </Suspense>
          }
        />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route
          path="training"
          element={
            <Suspense fallback={<Loading what="Training" />}>
              <TrainingPage />
            </Suspense>
          }
        />
        <Route
          path="audit"
          element={
            <Suspense fallback={<Loading what="The audit trail" />}>
              <AuditPage />
            </Suspense>
          }
        />
        <Route
          path="admin"
          element={
            <Suspense fallback={<Loading what="Administration" />}>
              <AdminPage />
            </Suspense>
          }
        />
        <Route
          path="account"
          element={
            <Suspense fallback={<Loading what="Your account" />}>
              <AccountPage />
            </Suspense>
          }
        />
        <Route
          path="revisions/:id/edit"
          element={
            <Suspense fallback={<Loading what="The editor" />}>
              <EditRevisionPage />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
