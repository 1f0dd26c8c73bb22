import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppServicesProvider, createAppServices } from './app/context';
import { createClient, createTransportForPage } from './lib/client';
import './styles.css';

const services = createAppServices(createClient(createTransportForPage(window)));
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <AppServicesProvider services={services}>
      <App />
    </AppServicesProvider>
  </StrictMode>,
);
